// Shared harness of the browser tests: a static server for dist/ on 127.0.0.1 that records
// every request it gets, and a headless Chromium (Debian's, never a downloaded one) whose
// pages record every request they make, console errors and page errors.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(here, '..', '..', '..');
export const DIST = process.env.DIST || path.join(ROOT, 'dist');

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript',
  '.wasm': 'application/wasm', '.css': 'text/css', '.json': 'application/json',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon', '.txt': 'text/plain',
};

/** What a static server would compress (wasm included, as common hosts do). */
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.wasm', '.css', '.json', '.svg', '.txt']);

/**
 * Serves `dir` under `prefix` (e.g. '/tools/designer/') on an ephemeral port. With `gzip`,
 * responses are gzip-encoded (zlib level 6) for a browser that accepts it, as a production
 * host serves them. `setDir` swaps the served directory (a new deployment at the same URL);
 * `close` also drops open connections, so that afterwards the page has no network at all.
 */
export async function serveDist({ dir = DIST, prefix = '/', gzip = false } = {}) {
  if (!fs.existsSync(path.join(dir, 'index.html'))) {
    throw new Error(`${dir}/index.html is missing: run scripts/build.sh first`);
  }
  const requests = [];
  const gzipped = new Map();
  const server = http.createServer((req, res) => {
    requests.push(req.url);
    const url = new URL(req.url, 'http://x');
    if (!url.pathname.startsWith(prefix)) { res.writeHead(404); res.end(); return; }
    let rel = decodeURIComponent(url.pathname.slice(prefix.length)) || 'index.html';
    if (rel.endsWith('/')) rel += 'index.html';
    const file = path.join(dir, rel);
    if (!file.startsWith(dir) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404); res.end('not found'); return;
    }
    const headers = { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream' };
    if (gzip && COMPRESSIBLE.has(path.extname(file)) && /\bgzip\b/.test(req.headers['accept-encoding'] || '')) {
      if (!gzipped.has(file)) gzipped.set(file, zlib.gzipSync(fs.readFileSync(file), { level: 6 }));
      const body = gzipped.get(file);
      res.writeHead(200, { ...headers, 'content-encoding': 'gzip', 'content-length': body.length, vary: 'accept-encoding' });
      res.end(body);
      return;
    }
    res.writeHead(200, headers);
    fs.createReadStream(file).pipe(res);
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}${prefix}`,
    origin: `http://127.0.0.1:${port}`,
    requests,
    setDir: (d) => { dir = d; gzipped.clear(); },
    close: () => new Promise((r) => { server.close(r); server.closeAllConnections(); }),
  };
}

export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

/** Launches Debian's Chromium headless. */
export async function launch() {
  return chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

/**
 * Opens `url` in a fresh context (a fresh profile: empty storage) and waits until the page
 * has rendered its findings and timeline. Returns { page, context, log } where log collects
 * every request URL, console errors and page errors. `serviceWorkers: 'block'` keeps the
 * page's service worker out (e.g. for a test that routes the page's own requests: requests
 * a worker answers never reach Playwright's routes).
 */
export async function openPage(browser, url, { colorScheme = 'light', viewport = { width: 1280, height: 900 }, reducedMotion = 'no-preference', initScript, serviceWorkers = 'allow' } = {}) {
  const context = await browser.newContext({ colorScheme, viewport, reducedMotion, serviceWorkers });
  if (initScript) await context.addInitScript(initScript);
  const page = await context.newPage();
  const log = { requests: [], consoleErrors: [], pageErrors: [] };
  page.on('request', (r) => log.requests.push(r.url()));
  page.on('console', (m) => { if (m.type() === 'error') log.consoleErrors.push(m.text()); });
  page.on('pageerror', (e) => log.pageErrors.push(String(e)));
  await page.goto(url);
  await page.waitForSelector('[data-testid=timeline-summary]', { timeout: 20000 });
  return { page, context, log };
}

/** Every finding on the page as { path, severity, text }, in page order. */
export async function findings(page) {
  return page.$$eval('[data-testid=finding]', (els) => els.map((e) => ({
    path: e.getAttribute('data-path'), severity: e.getAttribute('data-severity'), text: e.textContent.trim(),
  })));
}

/** Opens the import section (its body is drawn on demand) unless it is open. */
export async function openImport(page) {
  if (await page.$('[data-testid=import-input]')) return;
  await page.click('.import-section__summary');
  try {
    await page.waitForSelector('[data-testid=import-input]', { timeout: 20000 });
  } catch (e) {
    // Say what the section showed instead (closed, loading, a failed load).
    const seen = await page.$eval('.import-section', (d) => `open=${d.open}: ${d.textContent.trim().slice(0, 300)}`).catch(() => 'no import section');
    throw new Error(`the import section did not draw its text area (${seen})`, { cause: e });
  }
}

/** Pastes `text` into the import box, presses Import and waits until the page has said
 * how it went (forms other than documents and requests are read by the converters module,
 * which may still be loading). */
export async function importText(page, text) {
  await openImport(page);
  await page.fill('[data-testid=import-input]', text);
  await page.click('[data-testid=import-apply]');
  await importSettled(page);
}

/** Waits until an import has finished: no longer busy, and accepted or refused. */
export async function importSettled(page) {
  await page.waitForFunction(() => !document.querySelector('.import__busy')
    && (document.querySelector('[data-testid=import-error]') || document.querySelector('[data-testid=import-done]')), null, { timeout: 60000 });
}

/** The text of an export (hidden tabs included). */
export async function exportText(page, testid) {
  return page.$eval(`[data-testid=${testid}]`, (e) => e.textContent);
}

/** The id the page gives the input of a field path (see src/app.rs field_id). */
export function fieldId(p) {
  return 'f-' + p.replace(/[^A-Za-z0-9]/g, '-');
}
