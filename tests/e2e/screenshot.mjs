// Takes screenshots of the built page: node tests/e2e/screenshot.mjs <url> <out-prefix>
// (light, dark, narrow and print views), and prints console errors.
import { chromium } from 'playwright-core';
const [url = 'http://127.0.0.1:8080/', out = '/tmp/shot'] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const views = [
  { name: 'light', viewport: { width: 1400, height: 1000 }, colorScheme: 'light' },
  { name: 'dark', viewport: { width: 1400, height: 1000 }, colorScheme: 'dark' },
  { name: 'narrow', viewport: { width: 390, height: 900 }, colorScheme: 'light' },
];
for (const v of views) {
  const ctx = await browser.newContext({ viewport: v.viewport, colorScheme: v.colorScheme });
  const page = await ctx.newPage();
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') console.log(`[${v.name}] console ${m.type()}: ${m.text()}`); });
  page.on('pageerror', (e) => console.log(`[${v.name}] pageerror: ${e.message}`));
  await page.goto(url);
  await page.waitForSelector('[data-testid=timeline-summary]', { timeout: 15000 });
  await page.screenshot({ path: `${out}-${v.name}.png`, fullPage: v.name !== 'light' ? true : false });
  if (v.name === 'light') {
    await page.screenshot({ path: `${out}-light-full.png`, fullPage: true });
    await page.emulateMedia({ media: 'print' });
    await page.screenshot({ path: `${out}-print.png`, fullPage: true });
  }
  await ctx.close();
}
await browser.close();
