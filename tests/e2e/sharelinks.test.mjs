// Share links since the browser compresses them (CompressionStream / DecompressionStream,
// "deflate" = zlib, the format links always had): links packed as earlier pages packed them
// still open, the page's own links are zlib streams of the design's JSON that follow each
// edit, and a link that would inflate past the cap is refused without freezing the page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import zlib from 'node:zlib';
import { serveDist, launch, openPage, exportText } from './lib/harness.mjs';
import { settle, typeInto } from './lib/e2e.mjs';

let server, browser;

before(async () => {
  server = await serveDist();
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

const base64url = (bytes) => Buffer.from(bytes).toString('base64url');
const inflate = (link) => zlib.inflateSync(Buffer.from(new URL(link).hash.slice(4), 'base64url')).toString('utf8');

/** The linear example's design document as the page exports it. */
async function authored() {
  const { page, context } = await openPage(browser, server.url);
  await page.selectOption('[data-testid=example-picker]', 'linear');
  await settle(page);
  const document = await exportText(page, 'export-document');
  const link = await page.inputValue('[data-testid=share-link]');
  await context.close();
  return { document, link };
}

test('links packed as earlier pages packed them (zlib, levels 6 and 9) open the same design for review', async () => {
  const { document } = await authored();
  const compact = JSON.stringify(JSON.parse(document));
  for (const level of [6, 9]) {
    const link = `${server.url}#d1.${base64url(zlib.deflateSync(compact, { level }))}`;
    const { page, context, log } = await openPage(browser, link);
    await page.waitForSelector('[data-testid=review-edit-copy]');
    assert.equal(await exportText(page, 'export-document'), document, `level ${level}`);
    assert.equal(await page.$('[data-testid=notice]'), null, `level ${level}: no notice`);
    assert.deepEqual(log.pageErrors, []);
    await context.close();
  }
});

test("the page's link is a zlib stream of the design's JSON, and it follows each edit", async () => {
  const { document, link } = await authored();
  assert.ok(link.startsWith(`${server.url}#d1.`), link);
  assert.deepEqual(JSON.parse(inflate(link)), JSON.parse(document));

  const { page, context } = await openPage(browser, server.url);
  await typeInto(page, 'EndpointName', 'after-an-edit');
  const edited = JSON.parse(inflate(await page.inputValue('[data-testid=share-link]')));
  assert.equal(edited.Request.EndpointName, 'after-an-edit');
  assert.deepEqual(edited, JSON.parse(await exportText(page, 'export-document')));
  await context.close();
});

test('a link that would inflate past 4 MB is refused as too large; the draft is shown', async () => {
  const bomb = zlib.deflateSync(Buffer.alloc(5 * 1024 * 1024, 0x20), { level: 9 });
  const { page, context, log } = await openPage(browser, `${server.url}#d1.${base64url(bomb)}`);
  await page.waitForSelector('[data-testid=notice]');
  const text = await page.textContent('[data-testid=notice]');
  assert.match(text, /too large to open/);
  assert.match(text, /Your own design is shown instead, unchanged/);
  assert.equal(await page.$('[data-testid=review-edit-copy]'), null, 'not a review');
  assert.equal(new URL(page.url()).hash, '', 'the broken link is dropped from the address');
  assert.deepEqual(log.pageErrors, []);
  await context.close();
});
