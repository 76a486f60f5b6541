// Where a keystroke's time goes: a CPU profile (Chrome DevTools Protocol) of keystrokes in the
// wait and size fields of the 20-variant, 10-alarm benchmark design, summed by function (self
// time). Function names need a wasm with its name section: build one with
//   scripts/profile-build.sh   (writes target/profile-dist/)
// then: DIST=target/profile-dist node bench/profile-keystroke.mjs [--top N]
// A diagnostic, not a benchmark: the profiler's sampling slows the page down.
import { serveDist, launch, fieldId } from '../tests/e2e/lib/harness.mjs';
import { openBig, ROUTING } from './designs.mjs';

const argTop = process.argv.indexOf('--top');
const TOP = argTop > 0 ? Number(process.argv[argTop + 1]) : 40;
// --callers TEXT: also print the call paths (3 frames up) into functions whose name holds TEXT.
const argCallers = process.argv.indexOf('--callers');
const CALLERS = argCallers > 0 ? process.argv[argCallers + 1] : null;

const browser = await launch();
const server = await serveDist({ dir: process.env.DIST });
try {
  const { page, context } = await openBig(browser, server);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
  for (const id of [fieldId(`${ROUTING}.WaitIntervalInSeconds`), fieldId(`${ROUTING}.LinearStepSize.Value`)]) {
    await page.focus(`#${id}`);
    await page.keyboard.press('End');
    for (let i = 0; i < 20; i++) {
      await page.keyboard.press(i % 2 ? '0' : 'Backspace');
      await page.waitForTimeout(30);
    }
  }
  const { profile } = await cdp.send('Profiler.stop');
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children || []) parent.set(c, n.id);
  const callers = new Map();
  const inclusive = new Map();
  const self = new Map();
  const dt = profile.timeDeltas;
  let total = 0;
  profile.samples.forEach((id, i) => {
    const n = byId.get(id);
    const name = n.callFrame.functionName || `(${n.callFrame.url.split('/').pop() || 'anonymous'})`;
    if (name === '(idle)' || name === '(program)') return;
    const t = (dt[i] || 0) / 1000;
    total += t;
    self.set(name, (self.get(name) || 0) + t);
    // Inclusive time of the project's own functions (each counted once per sample).
    const seen = new Set();
    for (let q = id; q; q = parent.get(q)) {
      const f = byId.get(q).callFrame.functionName.replace(/::h[0-9a-f]{16}$/, '');
      if ((f.includes('deployment_designer::') || /^(setItem|decode|setAttribute|removeAttribute|insertBefore|cloneNode)$/.test(f)) && !seen.has(f)) {
        seen.add(f);
        inclusive.set(f, (inclusive.get(f) || 0) + t);
      }
    }
    if (CALLERS && name.includes(CALLERS)) {
      const chain = [];
      for (let p = parent.get(id); p && chain.length < 3; p = parent.get(p)) chain.push(byId.get(p).callFrame.functionName.replace(/::h[0-9a-f]{16}$/, '').slice(-90));
      const key = chain.join('  <-  ');
      callers.set(key, (callers.get(key) || 0) + t);
    }
  });
  console.log(`busy ${total.toFixed(1)} ms over 40 keystrokes (${(total / 40).toFixed(2)} ms each, profiler on)`);
  for (const [name, t] of [...self].sort((a, b) => b[1] - a[1]).slice(0, TOP)) {
    console.log(`${t.toFixed(1).padStart(8)} ms  ${name.slice(0, 150)}`);
  }
  console.log('\ninclusive time of the page\'s own functions and of DOM calls:');
  for (const [name, t] of [...inclusive].sort((a, b) => b[1] - a[1]).slice(0, TOP)) {
    console.log(`${t.toFixed(1).padStart(8)} ms  ${name.slice(0, 150)}`);
  }
  if (CALLERS) {
    console.log(`\ncalled (3 frames up) into functions named like "${CALLERS}":`);
    for (const [chain, t] of [...callers].sort((a, b) => b[1] - a[1]).slice(0, 12)) console.log(`${t.toFixed(1).padStart(8)} ms  ${chain}`);
  }
  await context.close();
} finally {
  await browser.close();
  await server.close();
}
