// Where the first load's time goes: a CPU profile (Chrome DevTools Protocol) from navigation
// to the form usable with its findings, summed by function (self and inclusive time). Use a
// wasm with names (scripts/profile-build.sh), then:
//   DIST=target/profile-dist node bench/profile-load.mjs [--top N]
// A diagnostic, not a benchmark: the profiler's sampling slows the page down.
import { serveDist, launch } from '../tests/e2e/lib/harness.mjs';

const argTop = process.argv.indexOf('--top');
const TOP = argTop > 0 ? Number(process.argv[argTop + 1]) : 40;
const browser = await launch();
const server = await serveDist({ dir: process.env.DIST });
try {
  // A warm-up load: the browser's own first-start costs are not the page's.
  for (const counted of [false, true]) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, serviceWorkers: 'block' });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
    await cdp.send('Profiler.start');
    const t0 = Date.now();
    await page.goto(server.url);
    await page.waitForSelector('[data-testid=findings-count]');
    await page.waitForSelector('#f-EndpointName');
    const wall = Date.now() - t0;
    const { profile } = await cdp.send('Profiler.stop');
    await context.close();
    if (!counted) continue;
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const parent = new Map();
    for (const n of profile.nodes) for (const c of n.children || []) parent.set(c, n.id);
    const self = new Map();
    const inclusive = new Map();
    let total = 0;
    profile.samples.forEach((id, i) => {
      const dt = (profile.timeDeltas[i] || 0) / 1000;
      const node = byId.get(id);
      const name = node.callFrame.functionName || `(${node.callFrame.url.split('/').pop() || 'program'})`;
      if (name === '(idle)' || name === '(program)') return;
      total += dt;
      self.set(name, (self.get(name) || 0) + dt);
      const seen = new Set();
      for (let n = id; n !== undefined; n = parent.get(n)) {
        const f = byId.get(n).callFrame.functionName;
        if (f && !seen.has(f)) {
          seen.add(f);
          inclusive.set(f, (inclusive.get(f) || 0) + dt);
        }
      }
    });
    console.log(`busy ${total.toFixed(1)} ms of a ${wall} ms load (profiler on)`);
    const top = (m) => [...m].sort((a, b) => b[1] - a[1]).slice(0, TOP);
    for (const [n, t] of top(self)) console.log(`${t.toFixed(1).padStart(8)} ms  ${n.slice(0, 150)}`);
    console.log('\ninclusive:');
    for (const [n, t] of top(inclusive)) console.log(`${t.toFixed(1).padStart(8)} ms  ${n.slice(0, 150)}`);
  }
} finally {
  await browser.close();
  await server.close();
}
