// Reflow (WCAG 1.4.10): at 320 CSS pixels wide every page fits without
// horizontal scrolling, in both languages, logged out and as the administrator.
// Also: the print stylesheet hides the navigation and keeps the content.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TEST_TIMEOUT_MS, login, newPage, setLanguage, useHarness } from './helpers.js';

const h = useHarness('responsive');

const PUBLIC = ['/vg/search?q=dialog', '/vg/bodies/regionala-overenskommelsegruppen', '/vg/directory', '/vg/signatories', '/organisations/fiktiva-forbundet-for-barn-och-unga-i-vast', '/', '/login', '/register', '/password/forgot', '/accessibility', '/accessibility/report', '/no-such-page', '/vg/meetings', '/vg/meetings/1', '/vg/meetings/archive', '/vg/meetings/1/register', '/vg/meetings/7/minutes', '/vg/decisions', '/vg/decisions/1', '/vg/plans', '/vg/plans/2', '/vg/plans/2/report/2025', '/vg/measures/4', '/vg/proposals', '/vg/proposals/2', '/vg/partnerships', '/vg/partnerships/1', '/vg/news', '/vg/news/1', '/vg/documents', '/vg/documents/2', '/vg/subscribe', '/vg/subscribe/sent', '/vg/data', '/subscriptions/no-such-token'];
const ADMIN = ['/account', '/admin/users', '/admin/outbox', '/accessibility/edit', '/vg/meetings/new', '/vg/meetings/1/edit', '/vg/meetings/1/agenda', '/vg/meetings/1/registrations', '/vg/meetings/6/minutes', '/vg/decisions/new', '/vg/plans/2/edit', '/vg/measures/4/edit', '/vg/measures/4/follow-up', '/vg/plans/2/cycles/1', '/vg/partnerships/1/edit', '/vg/news/new', '/vg/documents/new', '/vg/documents/1/edit', '/vg/data'];

async function overflowAt320(page, paths) {
  const problems = [];
  await page.setViewportSize({ width: 320, height: 640 });
  for (const path of paths) {
    await page.goto(path);
    const { scrollWidth, wide } = await page.evaluate(() => {
      const wide = [...document.querySelectorAll('body *')]
        .filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
        .slice(0, 5)
        .map((el) => el.tagName.toLowerCase() + (el.className ? '.' + String(el.className).split(' ').join('.') : ''));
      return { scrollWidth: document.documentElement.scrollWidth, wide };
    });
    if (scrollWidth > 320) problems.push(`${path}: ${scrollWidth}px wide at 320px (too wide: ${wide.join(', ')})`);
  }
  return problems;
}

test('every page reflows to 320 px without horizontal scrolling', { timeout: TEST_TIMEOUT_MS }, async () => {
  const problems = [];
  for (const lang of ['sv', 'en']) {
    const { page } = await newPage(h.browser, h.baseUrl);
    await setLanguage(page, lang);
    problems.push(...(await overflowAt320(page, PUBLIC)).map((p) => `[${lang}] ${p}`));
    await page.setViewportSize({ width: 1280, height: 900 });
    await login(page, 'admin@demo.example');
    problems.push(...(await overflowAt320(page, ADMIN)).map((p) => `[${lang}] [admin] ${p}`));
    await page.context().close();
  }
  assert.deepEqual(problems, []);
});

test('the print stylesheet prints the content without the navigation', { timeout: TEST_TIMEOUT_MS }, async () => {
  const { page } = await newPage(h.browser, h.baseUrl);
  await page.goto('/vg/');
  await page.emulateMedia({ media: 'print' });
  const shown = await page.evaluate(() => ({
    header: getComputedStyle(document.querySelector('.site-header')).display,
    footer: getComputedStyle(document.querySelector('.site-footer')).display,
    h1: getComputedStyle(document.querySelector('h1')).display,
  }));
  assert.equal(shown.header, 'none');
  assert.equal(shown.footer, 'none');
  assert.notEqual(shown.h1, 'none');
  await page.context().close();
});
