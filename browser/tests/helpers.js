// Shared helpers for the browser tests: start the real `overens` binary on a
// fresh data directory, drive Debian's Chromium through playwright-core, run
// axe-core in the page and the Nu Html Checker (vnu.jar) over the server's raw
// HTML.
//
// Environment:
//   OVERENS_BIN       server binary (default target/debug/overens, relative to the repo root)
//   OVERENS_CHROMIUM  Chromium executable (default /usr/bin/chromium)
//   JAVA              java executable for vnu.jar (default: java on PATH)
//   BROWSER_TEST_KEEP_DATA=1  keep the server's temporary data directory

import { spawn, execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, createWriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { before, after } from 'node:test';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);

export const BROWSER_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const REPO_ROOT = path.resolve(BROWSER_DIR, '..');
export const OUT_DIR = path.join(BROWSER_DIR, 'out');

export const DEMO_PASSWORD = 'demo-password-for-tests';
export const CHROMIUM = process.env.OVERENS_CHROMIUM || '/usr/bin/chromium';

/** Demo accounts created by the server's demo data (password: DEMO_PASSWORD). */
export const DEMO_ROLES = [
  { role: 'administrator', email: 'admin@demo.example' },
  { role: 'editor', email: 'redaktor@demo.example' },
  { role: 'body member', email: 'ledamot@demo.example' },
  { role: 'organisation representative', email: 'representant@demo.example' },
];

export const LANGUAGES = ['sv', 'en'];

// Generous timeouts: CI is a 2-core machine, the server is a debug build.
export const NAV_TIMEOUT_MS = 60_000;
export const ACTION_TIMEOUT_MS = 30_000;
export const SERVER_START_TIMEOUT_MS = 60_000;
export const HOOK_TIMEOUT_MS = 180_000;
export const TEST_TIMEOUT_MS = 180_000;

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function outDir(...parts) {
  const dir = path.join(OUT_DIR, ...parts);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** A filesystem-safe slug for a label such as "[sv] [administrator] /admin/outbox". */
export function slug(label) {
  return label
    .normalize('NFKD')
    .replace(/[^\w.-]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 120) || 'root';
}

// ---------------------------------------------------------------------------
// The server

async function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

export function serverBinary() {
  const bin = process.env.OVERENS_BIN || 'target/debug/overens';
  return path.isAbsolute(bin) ? bin : path.resolve(REPO_ROOT, bin);
}

/**
 * Start `overens serve` on a free port with a fresh data directory and wait
 * for GET /healthz to answer 200. Returns { baseUrl, stop(), log() }.
 */
export async function startServer({ name = 'server' } = {}) {
  const bin = serverBinary();
  if (!existsSync(bin)) {
    throw new Error(`server binary not found at ${bin} (set OVERENS_BIN or run cargo build)`);
  }
  const dataDir = mkdtempSync(path.join(tmpdir(), 'overens-browser-'));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const logFile = path.join(outDir(), `${slug(name)}.server.log`);
  const logStream = createWriteStream(logFile);
  const tail = [];
  const remember = (chunk) => {
    logStream.write(chunk);
    for (const line of chunk.toString('utf8').split('\n')) {
      if (line.trim() === '') continue;
      tail.push(line);
      if (tail.length > 200) tail.shift();
    }
  };

  const child = spawn(bin, ['serve'], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      OVERENS_DATA_DIR: dataDir,
      OVERENS_LISTEN: `127.0.0.1:${port}`,
      OVERENS_DEMO_PASSWORD: DEMO_PASSWORD,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', remember);
  child.stderr.on('data', remember);
  let exited = null;
  const exitPromise = new Promise((resolve) => {
    child.on('exit', (code, signal) => {
      exited = { code, signal };
      resolve(exited);
    });
    child.on('error', (err) => {
      exited = { error: err };
      resolve(exited);
    });
  });
  // Never leave a server behind, even if the test process dies abruptly.
  const killOnExit = () => { try { child.kill('SIGKILL'); } catch { /* already gone */ } };
  process.on('exit', killOnExit);

  const log = () => (tail.length ? tail.join('\n') : '(the server printed nothing)');

  const stop = async () => {
    process.off('exit', killOnExit);
    if (!exited) {
      child.kill('SIGTERM');
      const done = await Promise.race([exitPromise, sleep(10_000).then(() => null)]);
      if (!done) {
        child.kill('SIGKILL');
        await exitPromise;
      }
    }
    await new Promise((resolve) => logStream.end(resolve));
    if (process.env.BROWSER_TEST_KEEP_DATA !== '1') {
      rmSync(dataDir, { recursive: true, force: true });
    }
  };

  const deadline = Date.now() + SERVER_START_TIMEOUT_MS;
  let lastProblem = 'no answer yet';
  while (true) {
    if (exited) {
      await stop();
      throw new Error(
        `server exited before answering /healthz (${JSON.stringify(exited)}); ` +
          `command: ${bin} serve; log (${logFile}):\n${log()}`,
      );
    }
    try {
      const res = await fetch(`${baseUrl}/healthz`, { signal: AbortSignal.timeout(5_000) });
      if (res.status === 200) break;
      lastProblem = `GET /healthz answered ${res.status}`;
    } catch (err) {
      lastProblem = `GET /healthz failed: ${err.cause?.code || err.message}`;
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(
        `server did not answer GET /healthz with 200 within ${SERVER_START_TIMEOUT_MS / 1000} s ` +
          `(${lastProblem}); log (${logFile}):\n${log()}`,
      );
    }
    await sleep(250);
  }
  return { baseUrl, stop, log, dataDir, logFile };
}

// ---------------------------------------------------------------------------
// The browser

export async function launchBrowser() {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM} (apt-get install chromium, or set OVERENS_CHROMIUM)`);
  }
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, timeout: NAV_TIMEOUT_MS });
}

/**
 * A fresh browser context (own cookies) whose relative URLs resolve against
 * the server. Accept-Language is Swedish, so "default language" means what a
 * Swedish visitor gets; English is chosen explicitly with /language/en.
 */
export async function newPage(browser, baseUrl) {
  const context = await browser.newContext({
    baseURL: baseUrl,
    locale: 'sv-SE',
    timezoneId: 'Europe/Stockholm',
    viewport: { width: 1280, height: 900 },
    // axe-core is injected as an inline script; a strict Content-Security-Policy
    // (which the server may well send) would otherwise block it.
    bypassCSP: true,
  });
  context.setDefaultTimeout(ACTION_TIMEOUT_MS);
  context.setDefaultNavigationTimeout(NAV_TIMEOUT_MS);
  const page = await context.newPage();
  const consoleErrors = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') consoleErrors.push(msg.text());
  });
  page.on('pageerror', (err) => consoleErrors.push(String(err)));
  page.consoleErrors = consoleErrors;
  return { context, page };
}

/**
 * Register before/after hooks that start a server and a browser for the test
 * file; returns an object whose fields are filled once the hooks have run.
 */
export function useHarness(name) {
  const h = { server: null, browser: null, baseUrl: null };
  before(async () => {
    h.server = await startServer({ name });
    h.baseUrl = h.server.baseUrl;
    h.browser = await launchBrowser();
  }, { timeout: HOOK_TIMEOUT_MS });
  after(async () => {
    if (h.browser) await h.browser.close().catch(() => {});
    if (h.server) await h.server.stop();
  }, { timeout: HOOK_TIMEOUT_MS });
  return h;
}

/** Choose the interface language through /language/<lang>?next=/ (sets a cookie, redirects). */
export async function setLanguage(page, lang) {
  const res = await page.goto(`/language/${lang}?next=/`);
  const url = new URL(page.url());
  const htmlLang = await page.evaluate(() => document.documentElement.getAttribute('lang'));
  if (!res || res.status() >= 400 || htmlLang !== lang) {
    throw new Error(
      `choosing language "${lang}" via /language/${lang}?next=/ failed: ended at ${url.pathname}` +
        ` with status ${res?.status()}, <html lang="${htmlLang}">`,
    );
  }
  return res;
}

/** The form on the login page: the one in <main> posting to /login. */
export function loginForm(page) {
  return page.locator('main form[action="/login"]');
}

/**
 * Log in through the login form. Throws with a clear message if the server
 * shows the form again with an error summary.
 */
export async function login(page, email, password = DEMO_PASSWORD) {
  await page.goto('/login');
  const form = loginForm(page);
  await form.locator('[name="email"]').fill(email);
  await form.locator('[name="password"]').fill(password);
  const submit = form.locator('button[type="submit"], input[type="submit"], button:not([type])').first();
  const [response] = await Promise.all([
    page.waitForNavigation({ waitUntil: 'load' }),
    submit.click(),
  ]);
  const errorSummary = page.locator('.error-summary');
  if ((await errorSummary.count()) > 0 || (response && response.status() >= 400)) {
    const text = (await errorSummary.first().innerText().catch(() => '')).replace(/\s+/g, ' ').trim();
    throw new Error(
      `login as ${email} failed: status ${response?.status()} at ${new URL(page.url()).pathname}` +
        (text ? `; error summary: "${text}"` : ''),
    );
  }
  // The form was accepted; make sure a session exists.
  const landedAt = new URL(page.url()).pathname;
  const check = await page.goto('/account');
  const at = new URL(page.url()).pathname;
  if (at !== '/account' || check?.status() !== 200) {
    const names = (await page.context().cookies()).map((c) => c.name).join(', ') || 'none';
    throw new Error(
      `login as ${email}: the form was accepted (status ${response?.status()}, landed at ${landedAt}) ` +
        `but GET /account then ended at ${at} with status ${check?.status()}: no session ` +
        `(the browser holds these cookies: ${names}; was the session cookie set?)`,
    );
  }
  return response;
}

// ---------------------------------------------------------------------------
// Facts about a page

/** lang attribute, number of h1, title and whether a skip link target exists. */
export async function pageFacts(page) {
  return page.evaluate(() => ({
    lang: document.documentElement.getAttribute('lang'),
    h1Count: document.querySelectorAll('h1').length,
    h1Texts: [...document.querySelectorAll('h1')].map((e) => e.textContent.replace(/\s+/g, ' ').trim()),
    title: document.title,
    errorSummaryCount: document.querySelectorAll('.error-summary').length,
  }));
}

/** Cookie header for a URL from the page's browser context (session + language). */
export async function cookieHeader(page, url) {
  const cookies = await page.context().cookies(url);
  return cookies.map((c) => `${c.name}=${c.value}`).join('; ');
}

/**
 * The server's raw HTML for a path, fetched with plain fetch and the page's
 * cookies (so it is what the server sent, not the browser's DOM). Redirects
 * are followed (same origin, so the cookie header is kept).
 */
export async function fetchRaw(page, baseUrl, pathname) {
  const url = new URL(pathname, baseUrl).toString();
  const res = await fetch(url, {
    headers: { cookie: await cookieHeader(page, url), 'accept-language': 'sv-SE,sv;q=0.9' },
    redirect: 'follow',
    signal: AbortSignal.timeout(NAV_TIMEOUT_MS),
  });
  return {
    status: res.status,
    url: res.url,
    redirected: res.redirected,
    contentType: res.headers.get('content-type'),
    html: await res.text(),
  };
}

// ---------------------------------------------------------------------------
// axe-core

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

function squeeze(s, max = 300) {
  const t = String(s ?? '').replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max)}…` : t;
}

/**
 * Run axe-core (WCAG 2.0/2.1 A and AA rules) on the current page. Returns an
 * array of human-readable strings, one per violation; empty when clean.
 */
export async function axeCheck(page) {
  const hasAxe = await page.evaluate(() => typeof window.axe !== 'undefined');
  if (!hasAxe) await page.addScriptTag({ content: AXE_SOURCE });
  const results = await page.evaluate(async (tags) => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({ target: n.target, html: n.html, summary: n.failureSummary })),
    }));
  }, AXE_TAGS);
  return results.map((v) => {
    const nodes = v.nodes
      .map((n) => `      at ${n.target.join(' ')}\n         ${squeeze(n.html, 200)}\n         ${squeeze(n.summary, 400)}`)
      .join('\n');
    return `axe ${v.id} (${v.impact}): ${v.help} [${v.helpUrl}]\n${nodes}`;
  });
}

// ---------------------------------------------------------------------------
// The Nu Html Checker

export const VNU_JAR = String(require('vnu-jar'));

/**
 * Validate raw HTML with vnu.jar, all pages in one run.
 * @param {{label: string, html: string}[]} records
 * @returns {Promise<Map<string, string[]>>} label -> readable errors (empty when valid)
 */
export async function validateHtml(records) {
  const dir = outDir('html');
  const byFile = new Map();
  const result = new Map();
  records.forEach((rec, i) => {
    const file = path.join(dir, `${String(i).padStart(3, '0')}-${slug(rec.label)}.html`);
    writeFileSync(file, rec.html);
    byFile.set(file, rec.label);
    result.set(rec.label, []);
  });
  if (records.length === 0) return result;
  const java = process.env.JAVA || 'java';
  const { stdout, stderr, code } = await new Promise((resolve) => {
    execFile(
      java,
      ['-jar', VNU_JAR, '--errors-only', '--format', 'json', ...byFile.keys()],
      { maxBuffer: 64 * 1024 * 1024, timeout: 300_000 },
      (error, stdout, stderr) => resolve({ stdout, stderr, code: error ? (error.code ?? 'error') : 0 }),
    );
  });
  let report = null;
  for (const text of [stderr, stdout]) {
    const start = text.indexOf('{');
    if (start < 0) continue;
    try {
      report = JSON.parse(text.slice(start));
      break;
    } catch { /* try the other stream */ }
  }
  if (!report) {
    throw new Error(`vnu.jar gave no JSON report (exit ${code}); stdout: ${squeeze(stdout, 2000)}; stderr: ${squeeze(stderr, 2000)}`);
  }
  for (const m of report.messages || []) {
    if (m.type !== 'error' && !(m.type === 'non-document-error')) continue;
    const file = m.url ? fileURLToPath(m.url) : null;
    const label = (file && byFile.get(file)) || '(vnu, no file)';
    if (!result.has(label)) result.set(label, []);
    const where = m.lastLine ? `line ${m.lastLine}${m.firstColumn ? `:${m.firstColumn}` : ''}` : 'document';
    result
      .get(label)
      .push(`vnu ${m.type} at ${where}: ${m.message}${m.extract ? `\n         ${squeeze(m.extract, 200)}` : ''}`);
  }
  return result;
}

// ---------------------------------------------------------------------------
// Reporting

/** Save a screenshot of the page for a failing check, return its path. */
export async function failureScreenshot(page, label) {
  const file = path.join(outDir('failures'), `${slug(label)}.png`);
  try {
    await page.screenshot({ path: file, fullPage: true });
    return file;
  } catch {
    return null;
  }
}

/** Throw one error listing every problem found on a page. */
export function reportProblems(label, problems, extra = '') {
  if (problems.length === 0) return;
  const body = problems.map((p, i) => `  ${i + 1}. ${p}`).join('\n');
  const err = new Error(`${label}: ${problems.length} problem(s)\n${body}${extra ? `\n${extra}` : ''}`);
  err.stack = err.message; // the stack adds nothing here
  throw err;
}
