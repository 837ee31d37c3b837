// Keyboard only: register, log in and reach "Mitt konto" with Tab, typing and
// Enter; the first Tab on every page lands on the skip link; every focused
// element shows a visible focus indicator. Also saves screenshots of /vg/ for
// humans in browser/out/.

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import {
  DEMO_PASSWORD,
  HOOK_TIMEOUT_MS,
  TEST_TIMEOUT_MS,
  cookieHeader,
  login,
  newPage,
  outDir,
  pageFacts,
  reportProblems,
  setLanguage,
  useHarness,
} from './helpers.js';

const h = useHarness('keyboard');

const WALK_PASSWORD = 'a-long-test-password-1';

/** A short description of the focused element, and whether it matches. */
async function focused(page, selector = null, textPattern = null) {
  return page.evaluate(
    ({ selector, textPattern }) => {
      const el = document.activeElement;
      if (!el || el === document.body || el === document.documentElement) {
        return { desc: '(nothing: body)', matches: false, isBody: true };
      }
      const text = (el.innerText || el.value || el.getAttribute('aria-label') || '').replace(/\s+/g, ' ').trim();
      const attrs = ['id', 'name', 'type', 'href']
        .map((a) => (el.getAttribute(a) != null ? `${a}="${el.getAttribute(a)}"` : null))
        .filter(Boolean)
        .join(' ');
      const desc = `<${el.tagName.toLowerCase()}${attrs ? ` ${attrs}` : ''}>${text ? ` "${text.slice(0, 60)}"` : ''}`;
      let matches = selector ? el.matches(selector) : true;
      if (matches && textPattern) matches = new RegExp(textPattern, 'i').test(text);
      return { desc, matches, isBody: false };
    },
    { selector, textPattern },
  );
}

/**
 * Press Tab until the focused element matches `selector` (and `textPattern`
 * if given); throws with the path of focused elements if it never does.
 */
async function tabTo(page, what, { selector = null, textPattern = null, maxTabs = 80 } = {}) {
  const trail = [];
  for (let i = 0; i < maxTabs; i++) {
    await page.keyboard.press('Tab');
    const f = await focused(page, selector, textPattern);
    trail.push(f.desc);
    if (f.matches) return f;
  }
  throw new Error(
    `keyboard: ${maxTabs} presses of Tab on ${new URL(page.url()).pathname} never reached ${what}; focus went:\n    ` +
      trail.join('\n    '),
  );
}

/** Press a key that submits or follows a link and wait for the navigation it causes. */
async function pressAndWait(page, key) {
  const [response] = await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.keyboard.press(key)]);
  return response;
}

/** Does the focused element show a focus indicator (outline or box-shadow)? */
async function focusIndicator(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    const cs = getComputedStyle(el);
    const outline = cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) > 0;
    const shadow = cs.boxShadow && cs.boxShadow !== 'none';
    return {
      visible: Boolean(outline || shadow),
      style: `outline: ${cs.outlineStyle} ${cs.outlineWidth} ${cs.outlineColor}; box-shadow: ${cs.boxShadow}`,
    };
  });
}

async function errorSummaryText(page) {
  const summary = page.locator('.error-summary');
  if ((await summary.count()) === 0) return null;
  return (await summary.first().innerText()).replace(/\s+/g, ' ').trim();
}

describe('keyboard-only walk: register, log in, reach Mitt konto', () => {
  const email = `walk-${Date.now()}@test.example`;

  test('register with the keyboard only', { timeout: TEST_TIMEOUT_MS }, async () => {
    const { context, page } = await newPage(h.browser, h.baseUrl);
    try {
      await page.goto('/register');
      const form = 'main form[action="/register"]';
      await tabTo(page, 'the name field', { selector: `${form} [name="name"]` });
      await page.keyboard.type('Tangent Bordsson');
      await tabTo(page, 'the e-mail field (after name)', { selector: `${form} [name="email"]`, maxTabs: 10 });
      await page.keyboard.type(email);
      await tabTo(page, 'the password field (after e-mail)', { selector: `${form} [name="password"]`, maxTabs: 10 });
      await page.keyboard.type(WALK_PASSWORD);
      await tabTo(page, 'the password confirmation field (after password)', {
        selector: `${form} [name="password_confirm"]`,
        maxTabs: 10,
      });
      await page.keyboard.type(WALK_PASSWORD);
      await tabTo(page, 'the register form\'s submit button', {
        selector: `${form} button[type="submit"], ${form} input[type="submit"], ${form} button:not([type])`,
        maxTabs: 20,
      });
      const response = await pressAndWait(page, 'Enter');
      const summary = await errorSummaryText(page);
      const where = new URL(page.url()).pathname;
      assert.ok(
        !summary && response && response.status() < 400,
        `registering ${email} by keyboard failed: status ${response?.status()} at ${where}` +
          (summary ? `; error summary: "${summary}"` : ''),
      );
    } finally {
      await context.close();
    }
  });

  test('log in with the keyboard only and follow "Mitt konto"', { timeout: TEST_TIMEOUT_MS }, async () => {
    const { context, page } = await newPage(h.browser, h.baseUrl);
    try {
      await page.goto('/login');
      const form = 'main form[action="/login"]';
      await tabTo(page, 'the login e-mail field', { selector: `${form} [name="email"]` });
      await page.keyboard.type(email);
      await tabTo(page, 'the login password field (after e-mail)', { selector: `${form} [name="password"]`, maxTabs: 10 });
      await page.keyboard.type(WALK_PASSWORD);
      await tabTo(page, 'the login form\'s submit button', {
        selector: `${form} button[type="submit"], ${form} input[type="submit"], ${form} button:not([type])`,
        maxTabs: 20,
      });
      const response = await pressAndWait(page, 'Enter');
      const summary = await errorSummaryText(page);
      assert.ok(
        !summary && response && response.status() < 400,
        `logging in as ${email} by keyboard failed: status ${response?.status()} at ${new URL(page.url()).pathname}` +
          (summary ? `; error summary: "${summary}"` : ''),
      );

      // The form was accepted: is there a session? (Clearer than a missing link.)
      const names = (await page.context().cookies()).map((c) => c.name).join(', ') || 'none';
      const probe = await fetch(new URL('/account', h.baseUrl), {
        headers: { cookie: await cookieHeader(page, new URL('/account', h.baseUrl).toString()) },
        redirect: 'manual',
      });
      assert.equal(
        probe.status,
        200,
        `after logging in as ${email} by keyboard, GET /account answered ${probe.status} ` +
          `${probe.headers.get('location') ? `to ${probe.headers.get('location')} ` : ''}: no session ` +
          `(the browser holds these cookies: ${names})`,
      );

      // From the start page, Tab to the "Mitt konto" link and press Enter.
      await page.goto('/');
      await tabTo(page, 'a link named "Mitt konto"', { selector: 'a[href]', textPattern: '^\\s*Mitt konto\\b', maxTabs: 120 });
      const accountResponse = await pressAndWait(page, 'Enter');
      const facts = await pageFacts(page);
      const where = new URL(page.url()).pathname;
      assert.equal(where, '/account', `following "Mitt konto" by keyboard led to ${where}, expected /account`);
      assert.equal(accountResponse?.status(), 200, `GET /account answered ${accountResponse?.status()}`);
      assert.equal(facts.h1Count, 1, `/account after the keyboard walk has ${facts.h1Count} h1 elements`);
      assert.ok(
        (await page.locator('main').innerText()).includes(email),
        `/account after the keyboard walk does not show the new account's e-mail ${email}`,
      );
    } finally {
      await context.close();
    }
  });
});

const SKIP_LINK_PAGES = [
  '/',
  '/vg/',
  '/login',
  '/register',
  '/password/forgot',
  '/accessibility',
  '/accessibility/report',
  '/no-such-page',
];

describe('skip link: the first Tab focuses a visible link to #main', () => {
  for (const loggedIn of [false, true]) {
    const who = loggedIn ? 'administrator' : 'logged out';
    describe(who, () => {
      let context;
      let page;
      before(async () => {
        ({ context, page } = await newPage(h.browser, h.baseUrl));
        if (loggedIn) await login(page, 'admin@demo.example', DEMO_PASSWORD);
      }, { timeout: HOOK_TIMEOUT_MS });
      after(async () => { await context?.close(); });

      const paths = loggedIn ? ['/account', '/vg/', '/admin/outbox', '/accessibility/edit'] : SKIP_LINK_PAGES;
      for (const p of paths) {
        test(`[${who}] ${p}`, { timeout: TEST_TIMEOUT_MS }, async () => {
          const label = `[sv] [${who}] ${p}: skip link`;
          await page.goto(p);
          await page.keyboard.press('Tab');
          const f = await focused(page, 'a[href="#main"]');
          const problems = [];
          if (!f.matches) {
            problems.push(`the first Tab focused ${f.desc}, not a link with href="#main"`);
            reportProblems(label, problems);
          }
          const box = await page.evaluate(() => {
            const r = document.activeElement.getBoundingClientRect();
            return { x: r.x, y: r.y, w: r.width, h: r.height, vw: innerWidth, vh: innerHeight };
          });
          if (box.w < 1 || box.h < 1 || box.x + box.w <= 0 || box.y + box.h <= 0 || box.x >= box.vw || box.y >= box.vh) {
            problems.push(`the focused skip link is not visible on screen (box ${JSON.stringify(box)})`);
          }
          const ind = await focusIndicator(page);
          if (!ind.visible) problems.push(`the focused skip link shows no focus indicator (${ind.style})`);
          const target = await page.evaluate(() => {
            const m = document.getElementById('main');
            return m ? m.tagName.toLowerCase() : null;
          });
          if (!target) problems.push('the skip link points to #main but there is no element with id="main"');
          await page.keyboard.press('Enter');
          const hash = await page.evaluate(() => location.hash);
          if (hash !== '#main') problems.push(`pressing Enter on the skip link left location.hash at ${JSON.stringify(hash)}`);
          reportProblems(label, problems);
        });
      }
    });
  }
});

describe('focus indicator: every element reached by Tab shows one', () => {
  for (const loggedIn of [false, true]) {
    const who = loggedIn ? 'administrator' : 'logged out';
    describe(who, () => {
      let context;
      let page;
      before(async () => {
        ({ context, page } = await newPage(h.browser, h.baseUrl));
        if (loggedIn) await login(page, 'admin@demo.example', DEMO_PASSWORD);
      }, { timeout: HOOK_TIMEOUT_MS });
      after(async () => { await context?.close(); });

      const paths = loggedIn ? ['/account', '/admin/outbox'] : ['/', '/vg/', '/login', '/register'];
      for (const p of paths) {
        test(`[${who}] ${p}`, { timeout: TEST_TIMEOUT_MS }, async () => {
          await page.goto(p);
          await page.evaluate(() => { window.__focusSeen = new Set(); });
          const problems = [];
          let reached = 0;
          for (let i = 0; i < 200; i++) {
            await page.keyboard.press('Tab');
            const again = await page.evaluate(() => {
              const el = document.activeElement;
              if (!el || el === document.body) return true;
              if (window.__focusSeen.has(el)) return true;
              window.__focusSeen.add(el);
              return false;
            });
            if (again) break;
            reached++;
            const ind = await focusIndicator(page);
            if (!ind.visible) {
              const f = await focused(page);
              problems.push(`${f.desc} has no visible focus indicator when focused (${ind.style})`);
            }
          }
          if (reached === 0) problems.push('Tab reached no element at all');
          reportProblems(`[sv] [${who}] ${p}: focus indicator`, problems);
        });
      }
    });
  }
});

test('screenshots of /vg/ for humans (browser/out/)', { timeout: TEST_TIMEOUT_MS }, async () => {
  const dir = outDir();
  for (const lang of ['sv', 'en']) {
    const { context, page } = await newPage(h.browser, h.baseUrl);
    try {
      if (lang !== 'sv') await setLanguage(page, lang);
      const response = await page.goto('/vg/');
      assert.equal(response?.status(), 200, `GET /vg/ [${lang}] answered ${response?.status()}`);
      await page.screenshot({ path: path.join(dir, `vg-${lang}.png`), fullPage: true });
    } finally {
      await context.close();
    }
  }
});
