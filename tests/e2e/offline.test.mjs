// Offline: after a first visit the page's service worker (dist/sw.js) holds exactly this
// release's files, a second visit with no network at all opens the usable form with its
// findings, and a new deployment is picked up on the next visit. Served under a sub-path, as
// the worker's URLs are relative to its scope.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serveDist, launch, openPage, findings, DIST } from './lib/harness.mjs';
import { typeInto } from './lib/e2e.mjs';

const PREFIX = '/tools/designer/';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** The release's files as dist/sw.js lists them. */
function workerFiles(dir = DIST) {
  const text = fs.readFileSync(path.join(dir, 'sw.js'), 'utf8');
  return JSON.parse(text.match(/const FILES = (\[[\s\S]*?\]);/)[1]);
}

/** Every file of `dir` but the worker, relative to it with '/' separators. */
function distFiles(dir = DIST) {
  const out = [];
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.push(path.relative(dir, p).split(path.sep).join('/'));
    }
  };
  walk(dir);
  return out.filter((f) => f !== 'sw.js').sort();
}

/** Waits until the page's service worker is active and controls the page. */
async function controlledByWorker(page) {
  await page.waitForFunction(() => navigator.serviceWorker?.controller?.state === 'activated', null, { timeout: 30000 });
}

/** The caches of the origin: { name: [URL, ...] }. */
async function cacheContents(page) {
  return page.evaluate(async () => {
    const out = {};
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      out[name] = (await cache.keys()).map((r) => r.url).sort();
    }
    return out;
  });
}

/** Evaluates `fn(arg)` in `page` every 200 ms until it is truthy (true) or 30 s pass (false). */
async function poll(page, fn, arg) {
  for (let i = 0; i < 150; i++) {
    if (await page.evaluate(fn, arg)) return true;
    await new Promise((r) => setTimeout(r, 200));
  }
  return false;
}

/** Opens another page of `context` (the same browser profile) at `url`, the way a returning
 * visitor does, and waits for the form. */
async function visitAgain(context, url) {
  const page = await context.newPage();
  const pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  await page.goto(url);
  await page.waitForSelector('[data-testid=timeline-summary]', { timeout: 20000 });
  return { page, pageErrors };
}

test('a second visit with no network opens the usable form with its findings', async () => {
  const server = await serveDist({ prefix: PREFIX });
  const { page, context } = await openPage(browser, server.url);
  try {
    await controlledByWorker(page);
    await page.close();
    // No network at all: the server is gone, and the browser is told it is offline.
    await server.close();
    await context.setOffline(true);

    const { page: again, pageErrors } = await visitAgain(context, server.url);
    assert.equal(await again.locator('[data-testid=timeline-summary]').getAttribute('data-outcome'), 'succeeded');
    assert.ok(await again.isEditable('#f-EndpointName'), 'the form can be edited');
    assert.match(await again.textContent('[data-testid=offline-note]'), /offline after your first visit/);
    // Usable: a typed mistake is found and shown, as online.
    const errorsBefore = Number(await again.getAttribute('[data-testid=findings-count]', 'data-errors'));
    await typeInto(again, 'EndpointName', 'offline_ep');
    const errorsAfter = Number(await again.getAttribute('[data-testid=findings-count]', 'data-errors'));
    assert.equal(errorsAfter, errorsBefore + 1, 'the invalid name is one more error');
    assert.ok((await findings(again)).some((f) => f.path === 'EndpointName' && f.severity === 'error'));
    assert.deepEqual(pageErrors, []);
  } finally {
    await context.close();
    await server.close();
  }
});

test('the worker keeps exactly this release\'s files and caches nothing else', async () => {
  const server = await serveDist({ prefix: PREFIX });
  const { page, context } = await openPage(browser, server.url);
  try {
    assert.deepEqual(workerFiles(), distFiles(), 'sw.js lists every file of dist/');
    const release = distFiles();
    assert.ok(release.includes('index.html'));
    assert.ok(release.some((f) => /^converters-[0-9a-f]{16}\.js$/.test(f)), 'the converters have hashed names');
    assert.ok(release.some((f) => /^converters-[0-9a-f]{16}_bg\.wasm$/.test(f)));
    assert.ok(!release.includes('converters.js'), 'no unhashed converters left');
    const meta = await page.getAttribute('meta[name=converters-module]', 'content');
    assert.ok(release.includes(meta), `the page names its converters module: ${meta}`);

    await controlledByWorker(page);
    const want = release.map((f) => server.url + f).sort();
    let caches = await cacheContents(page);
    assert.deepEqual(Object.values(caches), [want], 'one cache with the release in it');
    assert.match(Object.keys(caches)[0], /^deployment-designer-[0-9a-f]{16}$/);

    // Requests beyond the release go to the network and are not kept.
    const statuses = await page.evaluate(async () => Promise.all(
      ['not-there.txt', 'index.html?utm=1'].map(async (u) => (await fetch(u)).status),
    ));
    assert.deepEqual(statuses, [404, 200]);
    caches = await cacheContents(page);
    assert.deepEqual(Object.values(caches), [want], 'nothing was added');
  } finally {
    await context.close();
    await server.close();
  }
});

test('a new deployment is picked up on the next visit, and then opens offline', async () => {
  // Release 2: the same files but a changed index.html, and its worker's cache name (what
  // scripts/offline.py derives from the files' contents).
  const v2 = fs.mkdtempSync(path.join(os.tmpdir(), 'sdd-release2-'));
  fs.cpSync(DIST, v2, { recursive: true });
  const index = path.join(v2, 'index.html');
  fs.writeFileSync(index, fs.readFileSync(index, 'utf8').replace(/<title>([^<]*)<\/title>/, '<title>$1 (release 2)</title>'));
  const sw = path.join(v2, 'sw.js');
  const swText = fs.readFileSync(sw, 'utf8');
  const cache1 = swText.match(/const CACHE = "([^"]+)"/)[1];
  const cache2 = 'deployment-designer-2222222222222222';
  fs.writeFileSync(sw, swText.replace(cache1, cache2));

  const server = await serveDist({ prefix: PREFIX });
  const { page, context } = await openPage(browser, server.url);
  try {
    await controlledByWorker(page);
    assert.doesNotMatch(await page.title(), /release 2/);
    await page.close();

    server.setDir(v2);
    const { page: next } = await visitAgain(context, server.url);
    assert.match(await next.title(), /release 2/, 'the visit after the deployment shows it');
    // The new worker installs beside the old one while this page is open...
    const installed = await poll(next, async () => !!(await navigator.serviceWorker.getRegistration())?.waiting);
    assert.ok(installed, 'the new release\'s worker installs');
    const during = await cacheContents(next);
    assert.deepEqual(Object.keys(during).sort(), [cache1, cache2].sort(), 'the old release stays while its page is open');
    await next.close();

    // ...and takes over once the old release's pages are closed, deleting its cache. Looked at
    // from a page of the origin outside the worker's scope (no page of the scope is open).
    const outside = await context.newPage();
    await outside.route(`${server.origin}/elsewhere`, (r) => r.fulfill({ contentType: 'text/html', body: '<p>elsewhere</p>' }));
    await outside.goto(`${server.origin}/elsewhere`);
    const tookOver = await poll(outside, async (c2) => {
      const reg = await navigator.serviceWorker.getRegistration('/tools/designer/');
      const names = await caches.keys();
      return !!reg?.active && !reg.waiting && names.length === 1 && names[0] === c2;
    }, cache2);
    assert.ok(tookOver, `the new release's worker takes over: ${JSON.stringify(Object.keys(await cacheContents(outside)))}`);
    await outside.close();

    await server.close();
    await context.setOffline(true);
    const { page: offline, pageErrors } = await visitAgain(context, server.url);
    assert.match(await offline.title(), /release 2/, 'offline, the new release opens');
    assert.deepEqual(pageErrors, []);
  } finally {
    await context.close();
    await server.close();
    fs.rmSync(v2, { recursive: true, force: true });
  }
});
