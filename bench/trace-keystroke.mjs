// Where a keystroke's frame goes after the page's own work: a DevTools timeline trace of
// keystrokes in the wait field of the 20-variant benchmark design, with the main thread's
// time summed by event (script, style, layout, paint, ...). A diagnostic, not a benchmark.
//   node bench/trace-keystroke.mjs        (DIST=... for another build)
import { serveDist, launch, fieldId } from '../tests/e2e/lib/harness.mjs';
import { openBig, ROUTING } from './designs.mjs';

const browser = await launch();
const server = await serveDist({ dir: process.env.DIST });
try {
  const { page, context } = await openBig(browser, server);
  await page.waitForTimeout(1500); // the idle preload and first renders are done
  const cdp = await context.newCDPSession(page);
  const events = [];
  cdp.on('Tracing.dataCollected', (e) => events.push(...e.value));
  const done = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.start', { categories: 'devtools.timeline,disabled-by-default-devtools.timeline', transferMode: 'ReportEvents' });
  const id = fieldId(`${ROUTING}.WaitIntervalInSeconds`);
  await page.focus(`#${id}`);
  await page.keyboard.press('End');
  const N = 20;
  for (let i = 0; i < N; i++) {
    await page.keyboard.press(i % 2 ? '0' : 'Backspace');
    await page.waitForTimeout(60);
  }
  await cdp.send('Tracing.end');
  await done;
  const main = events.filter((e) => e.ph === 'X' && e.dur && ['UpdateLayoutTree', 'Layout', 'Paint', 'PrePaint', 'Layerize', 'FunctionCall', 'EventDispatch', 'RunMicrotasks', 'ParseHTML', 'HitTest', 'Commit', 'UpdateLayer', 'RecalculateStyles', 'v8.run', 'TimerFire', 'FireAnimationFrame'].includes(e.name));
  const sum = new Map();
  for (const e of main) sum.set(e.name, (sum.get(e.name) || 0) + e.dur / 1000);
  console.log(`main-thread time over ${N} keystrokes, per keystroke (events nest: EventDispatch holds the page's script)`);
  for (const [n, t] of [...sum].sort((a, b) => b[1] - a[1])) console.log(`${(t / N).toFixed(2).padStart(8)} ms  ${n}`);
  const layouts = main.filter((e) => e.name === 'Layout');
  const big = layouts.map((e) => [e.dur / 1000, e.args?.beginData?.dirtyObjects, e.args?.beginData?.totalObjects]).sort((a, b) => b[0] - a[0]).slice(0, 5);
  console.log('longest layouts (ms, dirty objects, total objects):', JSON.stringify(big.map(([d, a, b]) => [Number(d.toFixed(1)), a, b])));
} finally {
  await browser.close();
  await server.close();
}
