// Screenshots of the built page as a user sees it: light, dark, narrow (phone) and print.
//   node tests/e2e/screenshot.mjs [dist-dir] [out-dir]
// Prints console and page errors. Not a test: for looking at the page after a change.
import { launch, serveDist, openPage } from './lib/harness.mjs';

const [dir, out = '/tmp'] = process.argv.slice(2);
const server = await serveDist(dir ? { dir } : {});
const browser = await launch();
const views = [
  { name: 'light', viewport: { width: 1400, height: 1000 }, colorScheme: 'light' },
  { name: 'dark', viewport: { width: 1400, height: 1000 }, colorScheme: 'dark' },
  { name: 'narrow', viewport: { width: 390, height: 844 }, colorScheme: 'light' },
  { name: 'print', viewport: { width: 1100, height: 1000 }, colorScheme: 'light', print: true },
];
for (const v of views) {
  const { page, context, log } = await openPage(browser, server.url, v);
  if (v.print) await page.emulateMedia({ media: 'print' });
  await page.screenshot({ path: `${out}/${v.name}.png`, fullPage: Boolean(v.print) });
  for (const e of [...log.consoleErrors, ...log.pageErrors]) console.log(`[${v.name}] ${e}`);
  await context.close();
}
await browser.close();
await server.close();
console.log(`screenshots in ${out}: ${views.map((v) => v.name + '.png').join(', ')}`);
