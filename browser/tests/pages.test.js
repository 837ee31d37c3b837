// Every page, in both languages, logged out and logged in as each demo role:
// no axe-core WCAG 2.1 A/AA violation, valid HTML (Nu Html Checker over the
// server's raw HTML), the right <html lang> and exactly one h1.

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  DEMO_PASSWORD,
  DEMO_ROLES,
  LANGUAGES,
  TEST_TIMEOUT_MS,
  HOOK_TIMEOUT_MS,
  axeCheck,
  failureScreenshot,
  fetchRaw,
  login,
  newPage,
  pageFacts,
  reportProblems,
  setLanguage,
  useHarness,
  validateHtml,
} from './helpers.js';

const h = useHarness('pages');

/** Raw HTML of every page checked, for one vnu run at the end. */
const htmlRecords = [];

const LOGGED_OUT_PAGES = [
  { path: '/' },
  { path: '/vg/' },
  { path: '/search' },
  { path: '/api' },
  { path: '/vg/search' },
  { path: '/vg/search?q=f%C3%B6reningar' },
  { path: '/vg/search?q=dialog&type=measure' },
  { path: '/search?q=handlingsplan&year=2024' },
  { path: '/vg/search?q=zzzzqqq' },
  { path: '/login' },
  { path: '/register' },
  { path: '/password/forgot' },
  { path: '/accessibility' },
  { path: '/accessibility/report' },
  { path: '/no-such-page', status: 404 },
  { path: '/vg/signatories' },
  { path: '/vg/signatories?kind=umbrella&on=2019-02-30&page=2' },
  { path: '/organisations/fiktiva-forbundet-for-barn-och-unga-i-vast' },
  { path: '/vg/agreement' },
  { path: '/vg/data' },
  { path: '/vg/agreement/versions' },
  { path: '/vg/agreement/versions/1' },
  { path: '/vg/bodies' },
  { path: '/vg/bodies/regionala-overenskommelsegruppen' },
  { path: '/vg/directory' },
  { path: '/vg/elections' },
  { path: '/vg/elections/1' },
  { path: '/vg/elections/1/receipt?code=ABC123' },
  { path: '/vg/meetings' },
  { path: '/vg/meetings?body=styrgruppen' },
  { path: '/vg/meetings/archive' },
  { path: '/vg/meetings/1' },
  { path: '/vg/meetings/3' },
  { path: '/vg/meetings/1/register' },
  { path: '/vg/meetings/3/register' },
  { path: '/vg/meetings/5/minutes' },
  { path: '/vg/meetings/7/minutes' },
  { path: '/vg/decisions' },
  { path: '/vg/decisions?year=2023' },
  { path: '/vg/decisions/1' },
  { path: '/vg/plans' },
  { path: '/vg/plans/2' },
  { path: '/vg/plans/2?status=ongoing&party=6' },
  { path: '/vg/plans/1' },
  { path: '/vg/plans/3', status: 404 },
  { path: '/vg/plans/2/report/2025' },
  { path: '/vg/measures/4' },
  { path: '/vg/measures/6' },
  { path: '/vg/follow-up/no-such-token', status: 404 },
  { path: '/vg/proposals' },
  { path: '/vg/proposals?state=received' },
  { path: '/vg/proposals/1' },
  { path: '/vg/proposals/2' },
  { path: '/vg/proposals/new' },
  { path: '/vg/partnerships' },
  { path: '/vg/partnerships?status=active&year=2025' },
  { path: '/vg/partnerships/1' },
  { path: '/vg/partnerships/4' },
  { path: '/vg/news' },
  { path: '/vg/news?kind=press_release&page=2' },
  { path: '/vg/news/1' },
  { path: '/vg/news/2' },
  { path: '/vg/news/4', status: 404 },
  { path: '/vg/news/tags/handlingsplan' },
  { path: '/vg/documents' },
  { path: '/vg/documents?kind=rapport&year=2025&q=plan' },
  { path: '/vg/documents/1' },
  { path: '/vg/documents/2' },
  { path: '/vg/documents/5', status: 404 },
  { path: '/vg/subscribe' },
  { path: '/vg/subscribe/sent' },
  { path: '/subscriptions/confirm/no-such-token', status: 410 },
  { path: '/subscriptions/no-such-token', status: 410 },
  { path: '/subscriptions/no-such-token/unsubscribe', status: 410 },
];

const DEMO_ORGANISATION = '/organisations/fiktiva-forbundet-for-barn-och-unga-i-vast';

const LOGGED_IN_PAGES = [{ path: '/account' }, { path: '/account/delete' }, { path: '/vg/' }, { path: '/vg/apply' }];
const ADMIN_PAGES = [
  { path: '/vg/data' },
  { path: '/vg/search?q=handlingsplan' },
  { path: '/admin/outbox' },
  { path: '/admin/users' },
  { path: '/accessibility/edit' },
  { path: '/vg/applications' },
  { path: '/vg/agreement/edit' },
  { path: '/vg/agreement/log' },
  { path: '/vg/signatories/import' },
  { path: '/vg/bodies/new' },
  { path: '/vg/elections/new' },
  { path: '/vg/bodies/regionala-overenskommelsegruppen/members/new' },
  { path: `${DEMO_ORGANISATION}/edit` },
  { path: `${DEMO_ORGANISATION}/contacts` },
  { path: '/vg/meetings/new' },
  { path: '/vg/meetings/1' },
  { path: '/vg/meetings/1/edit' },
  { path: '/vg/meetings/1/agenda' },
  { path: '/vg/meetings/1/notice' },
  { path: '/vg/meetings/1/registrations' },
  { path: '/vg/meetings/1/registrations/print' },
  { path: '/vg/meetings/7/minutes' },
  { path: '/vg/meetings/6/minutes' },
  { path: '/vg/decisions/new' },
  { path: '/vg/plans' },
  { path: '/vg/plans/3' },
  { path: '/vg/plans/new' },
  { path: '/vg/plans/2/edit' },
  { path: '/vg/plans/3/edit' },
  { path: '/vg/plans/2/measures/new' },
  { path: '/vg/measures/4/edit' },
  { path: '/vg/measures/4/follow-up' },
  { path: '/vg/measures/1/follow-up', status: 409 },
  { path: '/vg/plans/2/cycles' },
  { path: '/vg/plans/2/cycles/new' },
  { path: '/vg/plans/2/cycles/1' },
  { path: '/vg/proposals/1' },
  { path: '/vg/proposals/new' },
  { path: '/vg/partnerships/new' },
  { path: '/vg/partnerships/1/edit' },
  { path: '/vg/partnerships/1/reports/new' },
  { path: '/vg/partnerships/1/status' },
  { path: '/vg/news' },
  { path: '/vg/news/4' },
  { path: '/vg/news/new' },
  { path: '/vg/news/1/edit' },
  { path: '/vg/news/1/delete' },
  { path: '/vg/documents/5' },
  { path: '/vg/documents/new' },
  { path: '/vg/documents/1/edit' },
  { path: '/vg/documents/2/versions/new' },
  { path: '/vg/documents/2/delete' },
];

/**
 * The checks shared by every page, on the page as the browser shows it now.
 * `response` is the navigation's response (for the status), `rawHtml` the
 * server's HTML for vnu.
 */
async function checkCurrentPage(page, { label, lang, expectStatus = 200, response, rawHtml, extraChecks }) {
  const problems = [];
  const pathname = new URL(page.url()).pathname;
  const status = response ? response.status() : null;
  if (status !== expectStatus) {
    problems.push(`expected HTTP status ${expectStatus}, got ${status} (ended at ${pathname})`);
  }
  const facts = await pageFacts(page);
  if (facts.lang !== lang) problems.push(`<html lang> is ${JSON.stringify(facts.lang)}, expected "${lang}"`);
  if (facts.h1Count !== 1) {
    problems.push(`expected exactly one h1, found ${facts.h1Count}${facts.h1Count ? `: ${JSON.stringify(facts.h1Texts)}` : ''}`);
  }
  if (extraChecks) problems.push(...(await extraChecks(facts)));
  problems.push(...(await axeCheck(page)));
  if (rawHtml != null) htmlRecords.push({ label, html: rawHtml });
  if (problems.length) {
    const shot = await failureScreenshot(page, label);
    reportProblems(`${label} (at ${pathname}, title ${JSON.stringify(facts.title)})`, problems, shot ? `  screenshot: ${shot}` : '');
  }
}

/** Visit a path with GET and check it; raw HTML fetched separately with the same cookies. */
async function checkPath(t, page, { path, status = 200 }, { lang, who }) {
  const label = `[${lang}] [${who}] GET ${path}`;
  const response = await page.goto(path);
  const ended = new URL(page.url()).pathname;
  let rawHtml = null;
  let rawProblem = null;
  try {
    const raw = await fetchRaw(page, h.baseUrl, path);
    rawHtml = raw.html;
    const rawEnded = new URL(raw.url).pathname;
    if (raw.status !== status || rawEnded !== ended) {
      rawProblem = `fetching the raw HTML with the browser's cookies answered ${raw.status} at ${rawEnded}, ` +
        `but the browser got ${response?.status()} at ${ended} (so vnu checked a different page than the browser saw)`;
    }
  } catch (err) {
    reportProblems(label, [`could not fetch raw HTML: ${err.message}`]);
  }
  await checkCurrentPage(page, {
    label,
    lang,
    expectStatus: status,
    response,
    rawHtml,
    extraChecks: async () => {
      // A page that should be shown must not redirect (e.g. to /login); a
      // missing page may (e.g. /x to /x/) as long as it ends in a 404.
      const problems = [];
      if (ended !== new URL(path, h.baseUrl).pathname) {
        if (status === 200) problems.push(`expected to stay at ${path}, was redirected to ${ended}`);
        else t.diagnostic(`${label}: redirected to ${ended} before answering ${response?.status()}`);
      }
      if (rawProblem) problems.push(rawProblem);
      return problems;
    },
  });
}

/**
 * Submit a form by clicking its submit button and check the page the server
 * answers with: it must show an error summary (`.error-summary`).
 */
async function checkFormErrors(t, page, { label, lang, formSelector, values }) {
  const form = page.locator(formSelector);
  const count = await form.count();
  if (count !== 1) reportProblems(label, [`expected one form matching ${formSelector}, found ${count}`]);
  for (const [name, value] of Object.entries(values)) {
    await form.locator(`[name="${name}"]`).fill(value);
  }
  // The server's error handling is what is tested: if the browser's built-in
  // validation would stop the submission, switch it off for this submit.
  const blocked = await form.evaluate((f) => !f.noValidate && !f.checkValidity());
  if (blocked) {
    t.diagnostic(`${label}: the form has no novalidate and the browser would block this input; submitting with novalidate`);
    await form.evaluate((f) => { f.noValidate = true; });
  }
  const submit = form.locator('button[type="submit"], input[type="submit"], button:not([type])').first();
  const [response] = await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), submit.click()]);
  let rawHtml = null;
  try {
    rawHtml = response ? await response.text() : null;
  } catch (err) {
    t.diagnostic(`${label}: could not read the response body for vnu: ${err.message}`);
  }
  const expectStatus = response && [400, 422].includes(response.status()) ? response.status() : 200;
  await checkCurrentPage(page, {
    label,
    lang,
    expectStatus,
    response,
    rawHtml,
    extraChecks: async (facts) => {
      const problems = [];
      if (facts.errorSummaryCount < 1) problems.push('no element with class "error-summary" after submitting bad input');
      return problems;
    },
  });
}

for (const lang of LANGUAGES) {
  describe(`language ${lang}`, () => {
    describe('logged out', () => {
      let context;
      let page;
      before(async () => {
        ({ context, page } = await newPage(h.browser, h.baseUrl));
        if (lang !== 'sv') await setLanguage(page, lang);
      }, { timeout: HOOK_TIMEOUT_MS });
      after(async () => { await context?.close(); });

      if (lang === 'sv') {
        test('Swedish is the default language', { timeout: TEST_TIMEOUT_MS }, async () => {
          await page.goto('/');
          const { lang: htmlLang } = await pageFacts(page);
          assert.equal(htmlLang, 'sv', `[sv] GET / without a language cookie: <html lang="${htmlLang}">, expected "sv"`);
        });
      }

      for (const p of LOGGED_OUT_PAGES) {
        test(`[${lang}] [logged out] GET ${p.path}${p.status ? ` (expect ${p.status})` : ''}`, { timeout: TEST_TIMEOUT_MS }, async (t) => {
          await checkPath(t, page, p, { lang, who: 'logged out' });
        });
      }

      test(`[${lang}] [logged out] login form submitted empty shows an error summary`, { timeout: TEST_TIMEOUT_MS }, async (t) => {
        await page.goto('/login');
        await checkFormErrors(t, page, {
          label: `[${lang}] [logged out] POST /login (empty)`,
          lang,
          formSelector: 'main form[action="/login"]',
          values: {},
        });
      });

      test(`[${lang}] [logged out] the meeting registration form with mistakes, then a registration and its page`, { timeout: TEST_TIMEOUT_MS }, async (t) => {
        await page.goto('/vg/meetings/1/register');
        await checkFormErrors(t, page, {
          label: `[${lang}] [logged out] POST /vg/meetings/1/register (mistakes)`,
          lang,
          formSelector: 'main form[action="/vg/meetings/1/register"]',
          values: { name: '', email: 'kim@' },
        });
        const form = page.locator('main form[action="/vg/meetings/1/register"]');
        await form.locator('[name="name"]').fill('Kim Provdeltagare');
        await form.locator('[name="email"]').fill(`kim-${lang}-${Date.now()}@example.org`);
        await form.locator('input[name="mode"]').first().check();
        await Promise.all([page.waitForNavigation(), form.locator('button[type="submit"]').click()]);
        const path = new URL(page.url()).pathname;
        assert.match(path, /^\/vg\/registrations\/[A-Za-z0-9_-]+$/, `after registering, ended at ${path}`);
        await checkPath(t, page, { path }, { lang, who: 'logged out, registered' });
      });
      test(`[${lang}] [logged out] the subscribe form with a mistake, then a subscription`, { timeout: TEST_TIMEOUT_MS }, async (t) => {
        await page.goto('/vg/subscribe');
        await checkFormErrors(t, page, {
          label: `[${lang}] [logged out] POST /vg/subscribe (bad e-mail)`,
          lang,
          formSelector: 'main form[action="/vg/subscribe"]',
          values: { email: 'kim@' },
        });
        const form = page.locator('main form[action="/vg/subscribe"]');
        assert.equal(await form.locator('[name="email"]').inputValue(), 'kim@', 'the e-mail field keeps the input');
        await form.locator('[name="email"]').fill(`kim-${lang}-${Date.now()}@example.org`);
        await Promise.all([page.waitForNavigation(), form.locator('button[type="submit"]').click()]);
        const path = new URL(page.url()).pathname;
        assert.equal(path, '/vg/subscribe/sent', `after subscribing, ended at ${path}`);
        await checkPath(t, page, { path }, { lang, who: 'logged out, subscribed' });
      });
      test(`[${lang}] [logged out] register form with a bad e-mail and a short password shows an error summary`, { timeout: TEST_TIMEOUT_MS }, async (t) => {
        await page.goto('/register');
        await checkFormErrors(t, page, {
          label: `[${lang}] [logged out] POST /register (bad e-mail, short password)`,
          lang,
          formSelector: 'main form[action="/register"]',
          values: { name: 'Testa Testsson', email: 'not-an-e-mail', password: 'short', password_confirm: 'short' },
        });
        // The user's input is kept (GOV.UK pattern), passwords excepted.
        const form = page.locator('main form[action="/register"]');
        assert.equal(
          await form.locator('[name="email"]').inputValue(),
          'not-an-e-mail',
          `[${lang}] POST /register: the e-mail field should keep the user's input`,
        );
      });

      if (lang !== 'sv') {
        test(`[${lang}] switching back to Swedish with /language/sv; the interface is translated`, { timeout: TEST_TIMEOUT_MS }, async () => {
          await page.goto('/login');
          const other = await pageFacts(page);
          await setLanguage(page, 'sv');
          await page.goto('/login');
          const sv = await pageFacts(page);
          await setLanguage(page, lang);
          assert.equal(sv.lang, 'sv', `after /language/sv?next=/, GET /login has <html lang="${sv.lang}">`);
          // <html lang="en"> on Swedish text would mislead screen readers (WCAG 3.1.1).
          assert.notEqual(
            other.title,
            sv.title,
            `GET /login has the same <title> in "${lang}" and "sv" (${JSON.stringify(sv.title)}): ` +
              `the ${lang} interface is not translated`,
          );
        });
      }
    });

    for (const { role, email } of DEMO_ROLES) {
      describe(`logged in as ${role} (${email})`, () => {
        let context;
        let page;
        before(async () => {
          ({ context, page } = await newPage(h.browser, h.baseUrl));
          if (lang !== 'sv') await setLanguage(page, lang);
          await login(page, email, DEMO_PASSWORD);
        }, { timeout: HOOK_TIMEOUT_MS });
        after(async () => { await context?.close(); });

        const REPRESENTATIVE_PAGES = [
          { path: '/vg/elections/1/nominate' },
          { path: '/vg/elections/1/vote' },
          { path: '/vg/proposals/new' },
          { path: '/vg/proposals/1' },
          { path: '/vg/measures/7/follow-up' },
        ];
        const pages = role === 'administrator'
          ? [...LOGGED_IN_PAGES, ...ADMIN_PAGES]
          : role.startsWith('organisation') || email.startsWith('representant')
            ? [...LOGGED_IN_PAGES, ...REPRESENTATIVE_PAGES]
            : LOGGED_IN_PAGES;
        for (const p of pages) {
          test(`[${lang}] [${role}] GET ${p.path}`, { timeout: TEST_TIMEOUT_MS }, async (t) => {
            await checkPath(t, page, p, { lang, who: role });
          });
        }
        if (role === 'administrator') {
          test(`[${lang}] [${role}] a subscription's confirm, manage (with a mistake) and unsubscribe pages, reached through the outbox`, { timeout: TEST_TIMEOUT_MS }, async (t) => {
            const address = `prenumerant-${lang}-${Date.now()}@example.org`;
            await page.goto('/vg/subscribe');
            const form = page.locator('main form[action="/vg/subscribe"]');
            await form.locator('[name="email"]').fill(address);
            await Promise.all([page.waitForNavigation(), form.locator('button[type="submit"]').click()]);
            // The confirmation link, read from the administrators' view of the outbox.
            const linkIn = async () => {
              await page.goto('/admin/outbox');
              const bodies = await page.locator('ol.outbox li').evaluateAll(
                (items, to) => items.filter((li) => li.textContent.includes(to)).map((li) => li.querySelector('pre').textContent),
                address,
              );
              const match = bodies.length ? bodies[0].match(/https?:\/\/[^\s]+(\/subscriptions\/[^\s]+)/) : null;
              assert.ok(match, `a mail with a link to ${address} in the outbox`);
              return match[1];
            };
            const confirm = await linkIn();
            await checkPath(t, page, { path: confirm }, { lang, who: role });
            await Promise.all([page.waitForNavigation(), page.locator(`main form[action="${confirm}"] button`).click()]);
            const manage = new URL(page.url()).pathname;
            assert.match(manage, /^\/subscriptions\/[A-Za-z0-9_-]+$/, `after confirming, ended at ${manage}`);
            await checkPath(t, page, { path: manage }, { lang, who: role });
            for (const name of ['news', 'meetings', 'minutes']) {
              await page.locator(`main form[action="${manage}"] [name="${name}"]`).uncheck();
            }
            await checkFormErrors(t, page, {
              label: `[${lang}] [${role}] POST ${manage} (no topic)`,
              lang,
              formSelector: `main form[action="${manage}"]`,
              values: {},
            });
            await checkPath(t, page, { path: `${manage}/unsubscribe` }, { lang, who: role });
            const [response] = await Promise.all([
              page.waitForNavigation({ waitUntil: 'load' }),
              page.locator(`main form[action="${manage}/unsubscribe"] button`).click(),
            ]);
            await checkCurrentPage(page, {
              label: `[${lang}] [${role}] POST ${manage}/unsubscribe`,
              lang,
              expectStatus: 200,
              response,
              rawHtml: await response.text(),
            });
            await checkPath(t, page, { path: manage, status: 410 }, { lang, who: role });
          });
          test(`[${lang}] [${role}] the plan, measure, follow-up, proposal, partnership and document forms with mistakes`, { timeout: TEST_TIMEOUT_MS }, async (t) => {
            await page.goto('/vg/measures/4/follow-up');
            await checkFormErrors(t, page, {
              label: `[${lang}] [${role}] POST /vg/measures/4/follow-up (mistakes)`,
              lang,
              formSelector: 'main form[action="/vg/measures/4/follow-up"]',
              values: { reported_on: '2025-02-30', text: '', progress: '120' },
            });
            await page.goto('/vg/measures/4/edit');
            await checkFormErrors(t, page, {
              label: `[${lang}] [${role}] POST /vg/measures/4/edit (mistakes)`,
              lang,
              formSelector: 'main form[action="/vg/measures/4/edit"]',
              values: { title: '', starts_on: '2026-13-01', progress: 'mycket' },
            });
            await page.goto('/vg/plans/new');
            await checkFormErrors(t, page, {
              label: `[${lang}] [${role}] POST /vg/plans/new (mistakes)`,
              lang,
              formSelector: 'main form[action="/vg/plans/new"]',
              values: { title: '', first_year: '2030', last_year: '2027' },
            });
            await page.goto('/vg/proposals/new');
            await checkFormErrors(t, page, {
              label: `[${lang}] [${role}] POST /vg/proposals/new (mistakes)`,
              lang,
              formSelector: 'main form[action="/vg/proposals/new"]',
              values: { title: '', text: '' },
            });
            await page.goto('/vg/partnerships/1/edit');
            await checkFormErrors(t, page, {
              label: `[${lang}] [${role}] POST /vg/partnerships/1/edit (mistakes)`,
              lang,
              formSelector: 'main form[action="/vg/partnerships/1/edit"]',
              values: { title: '', starts_on: '2024-02-30', ends_on: '2020-01-01' },
            });
            await page.goto('/vg/news/new');
            await checkFormErrors(t, page, {
              label: `[${lang}] [${role}] POST /vg/news/new (mistakes)`,
              lang,
              formSelector: 'main form[action="/vg/news/new"]',
              values: { title: '', tags: 'handlingsplan', contact_name: 'Kim Exempel', contact_phone: 'ring mig' },
            });
            await page.goto('/vg/documents/1/edit');
            await checkFormErrors(t, page, {
              label: `[${lang}] [${role}] POST /vg/documents/1/edit (mistakes)`,
              lang,
              formSelector: 'main form[action="/vg/documents/1/edit"]',
              values: { title: '', document_date: '2025-02-30', received_on: 'igår' },
            });
            await page.goto('/vg/documents/new');
            await checkFormErrors(t, page, {
              label: `[${lang}] [${role}] POST /vg/documents/new (mistakes)`,
              lang,
              formSelector: 'main form[action="/vg/documents/new"]',
              values: { title: '', document_date: '14/3' },
            });
          });
          test(`[${lang}] [${role}] the organisation's edit, invitation and contact forms with mistakes`, { timeout: TEST_TIMEOUT_MS }, async (t) => {
            await page.goto(`${DEMO_ORGANISATION}/edit`);
            await checkFormErrors(t, page, {
              label: `[${lang}] [${role}] POST ${DEMO_ORGANISATION}/edit (mistakes)`,
              lang,
              formSelector: `main form[action="${DEMO_ORGANISATION}/edit"]`,
              values: { name: '', municipalities: 'Atlantis', website: 'www.example' },
            });
            await page.goto(`${DEMO_ORGANISATION}/edit`);
            await checkFormErrors(t, page, {
              label: `[${lang}] [${role}] POST ${DEMO_ORGANISATION}/representatives/invite (bad e-mail)`,
              lang,
              formSelector: `main form[action="${DEMO_ORGANISATION}/representatives/invite"]`,
              values: { invite_email: 'kim@' },
            });
            await page.goto(`${DEMO_ORGANISATION}/contacts`);
            await checkFormErrors(t, page, {
              label: `[${lang}] [${role}] POST ${DEMO_ORGANISATION}/contacts (mistakes)`,
              lang,
              formSelector: `main form[action="${DEMO_ORGANISATION}/contacts"]`,
              values: { name: '', phone: 'ring mig' },
            });
          });
          test(`[${lang}] [${role}] the meeting and agenda forms with mistakes`, { timeout: TEST_TIMEOUT_MS }, async (t) => {
            await page.goto('/vg/meetings/new');
            await checkFormErrors(t, page, {
              label: `[${lang}] [${role}] POST /vg/meetings/new (mistakes)`,
              lang,
              formSelector: 'main form[action="/vg/meetings/new"]',
              values: { title: '', date: '', capacity_in_person: 'femtio', online_url: 'www.example' },
            });
            await page.goto('/vg/meetings/1/agenda');
            await page.locator('#time-0').fill('25.00');
            await checkFormErrors(t, page, {
              label: `[${lang}] [${role}] POST /vg/meetings/1/agenda (mistakes)`,
              lang,
              formSelector: 'main form[action="/vg/meetings/1/agenda"]',
              values: {},
            });
          });
          test(`[${lang}] [${role}] minutes from the first item to adjustment, and a decision with mistakes`, { timeout: TEST_TIMEOUT_MS }, async (t) => {
            // One coming meeting per language, so that each run starts without minutes.
            const base = `/vg/meetings/${lang === 'sv' ? 2 : 4}/minutes`;
            await checkPath(t, page, { path: base }, { lang, who: `${role}, no minutes yet` });
            const create = page.locator(`main form[action="${base}"]`);
            await create.locator('#kind-protocol').check();
            await Promise.all([page.waitForNavigation(), create.locator('button[type="submit"]').click()]);
            await checkFormErrors(t, page, {
              label: `[${lang}] [${role}] POST ${base}/sections (no title)`,
              lang,
              formSelector: `main form[action="${base}/sections"]`,
              values: { title: '' },
            });
            await page.goto(base);
            const add = page.locator(`main form[action="${base}/sections"]`);
            await add.locator('[name="title"]').fill('Mötets öppnande');
            await add.locator('[name="decision"]').fill('Mötet förklaras öppnat.');
            await Promise.all([page.waitForNavigation(), add.locator('button[type="submit"]').click()]);
            await checkPath(t, page, { path: base }, { lang, who: `${role}, a draft with one item` });
            await checkFormErrors(t, page, {
              label: `[${lang}] [${role}] POST ${base}/adjust (no adjusters)`,
              lang,
              formSelector: `main form[action="${base}/adjust"]`,
              values: { adjusters: '', adjusted_on: '' },
            });
            await page.goto('/vg/decisions/new');
            await checkFormErrors(t, page, {
              label: `[${lang}] [${role}] POST /vg/decisions/new (mistakes)`,
              lang,
              formSelector: 'main form[action="/vg/decisions/new"]',
              values: { text: '', decided_on: 'igår' },
            });
          });
          test(`[${lang}] [${role}] API tokens: the form with a mistake, a token shown once, the list with a revoked one`, { timeout: TEST_TIMEOUT_MS }, async (t) => {
            await page.goto('/account');
            await checkFormErrors(t, page, {
              label: `[${lang}] [${role}] POST /account/tokens (mistakes)`,
              lang,
              formSelector: 'main form[action="/account/tokens"]',
              values: { token_name: '' },
            });
            for (const name of [`Diariet ${lang}`, `Bokningen ${lang}`]) {
              const form = page.locator('main form[action="/account/tokens"]');
              await form.locator('[name="token_name"]').fill(name);
              const [response] = await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), form.locator('button[type="submit"]').click()]);
              await checkCurrentPage(page, { label: `[${lang}] [${role}] POST /account/tokens (${name}, shown once)`, lang, response, rawHtml: await response.text() });
              await page.goto('/account');
            }
            const revoke = page.locator('main form[action$="/revoke"][action^="/account/tokens/"]').first();
            await Promise.all([page.waitForNavigation(), revoke.locator('button[type="submit"]').click()]);
            await checkPath(t, page, { path: '/account' }, { lang, who: `${role}, with a token and a revoked one` });
          });
          test(`[${lang}] [${role}] an invitation to represent the organisation, opened from the outbox`, { timeout: TEST_TIMEOUT_MS }, async (t) => {
            await page.goto(`${DEMO_ORGANISATION}/edit`);
            const form = page.locator(`main form[action="${DEMO_ORGANISATION}/representatives/invite"]`);
            await form.locator('[name="invite_email"]').fill(`inbjuden-${lang}@example.org`);
            await Promise.all([page.waitForNavigation(), form.locator('button[type="submit"]').click()]);
            await checkPath(t, page, { path: `${DEMO_ORGANISATION}/edit` }, { lang, who: `${role}, an invitation pending` });
            await page.goto('/admin/outbox');
            const link = (await page.content()).match(/\/organisations\/[a-z0-9-]+\/invitations\/[A-Za-z0-9_-]+/);
            assert.ok(link, 'the invitation link is in the outbox');
            await checkPath(t, page, { path: link[0] }, { lang, who: role });
          });
          test(`[${lang}] [${role}] the application form with mistakes, then an application and its page`, { timeout: TEST_TIMEOUT_MS }, async (t) => {
            await page.goto('/vg/apply');
            await checkFormErrors(t, page, {
              label: `[${lang}] [${role}] POST /vg/apply (mistakes)`,
              lang,
              formSelector: 'main form[action="/vg/apply"]',
              values: { name: 'Testföreningen', org_number: '811218-9876', municipalities: 'Atlantis' },
            });
            const form = page.locator('main form[action="/vg/apply"]');
            await form.locator('[name="org_number"]').fill(lang === 'sv' ? '802000-0009' : '802000-0017');
            await form.locator('[name="municipalities"]').fill('Göteborg');
            await form.locator('[name="legal_form"]').selectOption('61');
            await form.locator('[name="kind"]').selectOption('association');
            await form.locator('#level-regional').check();
            await form.locator('[name="motivation"]').fill('Vi vill delta i dialogen.');
            await form.locator('[name="regional_perspective"]').fill('Hela regionen.');
            await form.locator('#endorses_principles').check();
            await Promise.all([page.waitForNavigation(), form.locator('button[type="submit"]').click()]);
            const path = new URL(page.url()).pathname;
            assert.match(path, /^\/vg\/applications\/\d+$/, `after applying, ended at ${path}`);
            await checkPath(t, page, { path }, { lang, who: role });
          });
        }
      });
    }
  });
}

test('HTML is valid (Nu Html Checker over the raw HTML of every page above)', { timeout: 600_000 }, async (t) => {
  assert.ok(htmlRecords.length > 0, 'no page HTML was collected: every page check failed before fetching HTML');
  const results = await validateHtml(htmlRecords);
  for (const [label, errors] of results) {
    await t.test(label, () => {
      reportProblems(`${label}: invalid HTML`, errors);
    });
  }
});
