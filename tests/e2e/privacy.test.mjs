// "Nothing leaves your browser": during load and a session of use the page asks only its own
// origin, and only for the files of dist/; its Content-Security-Policy allows nothing else and
// the page works under it; and it works served under a sub-path.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { serveDist, launch, openPage, fieldId, importText, exportText, DIST } from './lib/harness.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** Every file of dist/, as paths relative to it with '/' separators. */
function distFiles() {
  const out = new Set();
  const walk = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else out.add(path.relative(DIST, p).split(path.sep).join('/'));
    }
  };
  walk(DIST);
  return out;
}

/**
 * The requests among `urls` that are not for a file of dist/ on the page's own origin under
 * `prefix` (an empty list means all is well). blob: URLs of the page's origin (downloads)
 * are files made in the browser and never reach a network.
 */
function strayRequests(urls, origin, prefix) {
  const files = distFiles();
  return urls.filter((u) => {
    if (u.startsWith(`blob:${origin}/`)) return false;
    const url = new URL(u, origin);
    if (url.origin !== origin || !url.pathname.startsWith(prefix)) return true;
    const rel = decodeURIComponent(url.pathname.slice(prefix.length)) || 'index.html';
    return !files.has(rel);
  });
}

/** Collects Content-Security-Policy violations from the very start of each document. */
const CSP_WATCH = () => {
  window.__cspViolations = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    window.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`);
  });
};
const cspViolations = (page) => page.evaluate(() => window.__cspViolations);

const DESIGN = JSON.stringify({
  Version: 1,
  Request: {
    EndpointName: 'private-ep',
    EndpointConfigName: 'private-cfg-v2',
    DeploymentConfig: {
      BlueGreenUpdatePolicy: {
        TrafficRoutingConfiguration: { Type: 'LINEAR', WaitIntervalInSeconds: 120, LinearStepSize: { Type: 'CAPACITY_PERCENT', Value: 25 } },
        MaximumExecutionTimeoutInSeconds: 7200,
      },
      AutoRollbackConfiguration: { Alarms: [{ AlarmName: 'secret-alarm' }] },
    },
  },
});

/** Uses the page as a person would: edit, import, play, every export tab, copy, download, share. */
async function session(page, context) {
  await page.fill(`#${fieldId('EndpointName')}`, 'typed-name');
  await page.press(`#${fieldId('EndpointName')}`, 'Tab');
  await importText(page, DESIGN);
  await page.waitForFunction(() => document.querySelector('[data-testid=export-document]').textContent.includes('secret-alarm'));
  await page.selectOption('[data-testid=example-picker]', 'multi');
  await importText(page, DESIGN);

  await page.selectOption('[data-testid=timeline-speed]', '3600');
  await page.click('[data-testid=timeline-play]');
  await page.waitForFunction(() => document.querySelector('[data-testid=timeline-play]').textContent.trim() === 'Play');

  for (const tab of ['boto3', 'cli', 'json', 'doc', 'csv']) {
    await page.click(`#tab-${tab}`);
    await page.click(`[data-testid=copy-${tab}]`);
    await page.locator(`#panel-${tab} [role=status]`).filter({ hasText: 'Copied' }).waitFor();
  }
  const download = page.waitForEvent('download');
  await page.click('#panel-csv button:has-text("Download")');
  await (await download).path();

  await page.click('[data-testid=share-copy]');
  const link = await page.inputValue('[data-testid=share-link]');
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), link);
  const review = await context.newPage();
  await review.goto(link);
  await review.waitForSelector('[data-testid=review-edit-copy]');
  assert.match(await exportText(review, 'export-document'), /secret-alarm/);
  await review.click('[data-testid=review-edit-copy]');
  return review;
}

test('load and a session of use ask only the own origin, only for files of dist/', async () => {
  const server = await serveDist();
  const { page, context, log } = await openPage(browser, server.url, { initScript: CSP_WATCH });
  const requests = [...log.requests];
  page.removeAllListeners('request');
  context.on('request', (r) => requests.push(r.url()));
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.origin });
  try {
    const review = await session(page, context);
    // The service worker's own requests (it fetches the release to keep it) count too.
    await page.waitForFunction(() => navigator.serviceWorker.controller?.state === 'activated', null, { timeout: 30000 });
    assert.ok(server.requests.includes('/sw.js'), 'the service worker was fetched');
    assert.ok(requests.some((u) => u.endsWith('.wasm')), 'the page\'s own requests are seen');
    assert.deepEqual(strayRequests(requests, server.origin, '/'), [], 'requests the page made');
    assert.deepEqual(await cspViolations(page), []);
    assert.deepEqual(await cspViolations(review), []);
    assert.deepEqual(log.pageErrors, []);
    // What the server saw: the browser's own requests for the page (e.g. an icon) included.
    assert.deepEqual(strayRequests(server.requests, server.origin, '/'), [], 'requests the server got');
  } finally {
    await context.close();
    await server.close();
  }
});

test('the CSP meta allows only the page itself and pins its inline scripts', async () => {
  const html = fs.readFileSync(path.join(DIST, 'index.html'), 'utf8');
  const metas = [...html.matchAll(/<meta http-equiv="?Content-Security-Policy"? content="([^"]*)"/gi)];
  assert.equal(metas.length, 1, 'one CSP meta');
  assert.ok(metas[0].index < html.search(/<script/i), 'the policy comes before any script');
  const policy = Object.fromEntries(
    metas[0][1].split(';').map((d) => d.trim().split(/\s+/)).filter((d) => d[0]).map(([name, ...v]) => [name, v]),
  );
  assert.deepEqual(policy['default-src'], ["'self'"]);
  assert.deepEqual(policy['connect-src'], ["'self'"]);
  assert.deepEqual(policy['worker-src'], ["'self'"]);
  assert.deepEqual(policy['object-src'], ["'none'"]);
  assert.deepEqual(policy['base-uri'], ["'none'"]);
  assert.deepEqual(policy['form-action'], ["'none'"]);
  for (const [name, sources] of Object.entries(policy)) {
    for (const s of sources) {
      const ok = ["'self'", "'none'", "'wasm-unsafe-eval'", 'data:', 'blob:'].includes(s) || /^'sha256-[A-Za-z0-9+/]+=*'$/.test(s);
      assert.ok(ok, `${name} allows only the page itself, not ${s}`);
    }
  }
  assert.ok(!policy['script-src'].some((s) => s === 'data:' || s === 'blob:'), 'no script from data: or blob:');
  // Every inline script is pinned by its hash, and nothing else is.
  const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi)].map(
    (m) => `'sha256-${crypto.createHash('sha256').update(m[1], 'utf8').digest('base64')}'`,
  );
  assert.ok(inline.length > 0);
  assert.deepEqual(policy['script-src'].filter((s) => s.startsWith("'sha256-")).sort(), inline.sort());
});

test('the policy is in force: a script or request from elsewhere is blocked', async () => {
  const server = await serveDist();
  const { page, context } = await openPage(browser, server.url, { initScript: CSP_WATCH });
  try {
    const blocked = await page.evaluate(async () => {
      const s = document.createElement('script');
      s.textContent = 'window.__ran = true';
      document.body.append(s);
      let fetched = true;
      try {
        await fetch('http://127.0.0.2:9/x');
      } catch {
        fetched = false;
      }
      await new Promise((r) => setTimeout(r, 50));
      return { ran: window.__ran === true, fetched, violations: window.__cspViolations.length };
    });
    assert.deepEqual(blocked, { ran: false, fetched: false, violations: 2 });
  } finally {
    await context.close();
    await server.close();
  }
});

test('the page works served under a sub-path', async () => {
  const prefix = '/tools/designer/';
  const server = await serveDist({ prefix });
  const { page, context, log } = await openPage(browser, server.url, { initScript: CSP_WATCH });
  try {
    assert.equal(await page.locator('[data-testid=timeline-summary]').getAttribute('data-outcome'), 'succeeded');
    assert.ok(await page.locator('[data-testid=finding], [data-testid=findings-count]').count() > 0);
    const link = await page.inputValue('[data-testid=share-link]');
    assert.ok(link.startsWith(`${server.url}#`), `the share link opens the same sub-path: ${link}`);
    const review = await context.newPage();
    await review.goto(link);
    await review.waitForSelector('[data-testid=review-edit-copy]');
    assert.equal(await exportText(review, 'export-document'), await exportText(page, 'export-document'));
    assert.deepEqual(strayRequests(log.requests, server.origin, prefix), []);
    assert.deepEqual(await cspViolations(page), []);
    assert.deepEqual(log.pageErrors, []);
  } finally {
    await context.close();
    await server.close();
  }
});
