// The first hour of a learner: the what-if applies as it is typed and refuses what cannot be a
// second; a rolled-back run stays pickable to the plan's end and a click on the chart never
// sets a what-if; the strategy comparison puts every strategy under the same what-if, shows
// each one's risk and switches the design with "Use this" (undone by Undo); the step list
// follows the playhead and says why the peak is what it is.
// The page opens on its default design: canary 10% of 10 instances, 600 s bakes, 300 s
// provisioning and termination wait, no alarm definitions (an alarm trips at once).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveDist, launch, openPage, exportText } from './lib/harness.mjs';
import { settle, summary } from './lib/e2e.mjs';

const INPUT = '[data-testid=alarm-trip-input]';
const ERROR = '[data-testid=alarm-trip-error]';
const SCRUBBER = '[data-testid=timeline-scrubber]';

let server, browser, page, log;

before(async () => {
  server = await serveDist();
  browser = await launch();
  ({ page, log } = await openPage(browser, server.url));
});

after(async () => {
  await browser?.close();
  await server?.close();
});

const failure = async () => JSON.parse(await exportText(page, 'export-document')).Simulation.Failure;
const words = () => page.textContent('[data-testid=timeline-playhead]');

async function scrubTo(seconds) {
  await page.$eval(SCRUBBER, (el, v) => {
    el.value = v;
    el.dispatchEvent(new Event('input', { bubbles: true }));
  }, String(seconds));
  await settle(page);
}

async function typeWhatIf(text) {
  await page.fill(INPUT, text);
  await settle(page);
}

test('a typed second applies at once; what cannot be a second is refused with a reason', async () => {
  assert.equal(await page.$$eval(INPUT, (els) => els.length), 1, 'one what-if input on the page');
  assert.equal(await page.$('#f-Simulation-AlarmTripAtSeconds'), null, 'the form has no second what-if input');

  await typeWhatIf('700'); // no Enter, no blur
  assert.deepEqual([(await summary(page)).outcome, (await summary(page)).total], ['rolled-back-alarm', 700]);
  assert.equal(await page.$(ERROR), null, 'no complaint about a good second');

  for (const [typed, reason] of [['-5', /negative/], ['soon', /not a number/], ['1.5', /not a whole number/]]) {
    await typeWhatIf(typed);
    const message = await page.textContent(ERROR);
    assert.match(message, reason, `${typed}: says why`);
    assert.ok(message.includes(`"${typed}"`), `${typed}: names what was typed`);
    assert.deepEqual(await failure(), { Kind: 'alarm', AtSeconds: 700 }, `${typed}: the design keeps 700`);
    assert.equal((await summary(page)).total, 700);
  }

  await typeWhatIf('400');
  assert.equal(await page.$(ERROR), null, 'a good second clears the complaint');
  assert.deepEqual(await failure(), { Kind: 'alarm', AtSeconds: 400 });
  await typeWhatIf('');
  assert.equal(await failure(), null, 'an empty input means no what-if');
  assert.equal((await summary(page)).outcome, 'succeeded');
});

test('after a rollback the whole plan can still be picked, and a click on the chart never sets a what-if', async () => {
  const planned = (await summary(page)).total;
  assert.equal(planned, 1800);
  await typeWhatIf('700');
  assert.equal((await summary(page)).total, 700, 'the run ends at the rollback');
  assert.equal(await page.getAttribute(SCRUBBER, 'max'), String(planned), 'the scrubber reaches the plan\'s end');

  await scrubTo(planned);
  assert.equal(await page.inputValue(SCRUBBER), String(planned));
  const end = await words();
  assert.match(end, /^30:00, done, 0% on the new fleet, 10 instances \(10 old, 0 new\): rolled back after the alarm/);

  // A click two thirds along the chart (after the rollback) moves the playhead only.
  const box = await page.locator('svg.chart__svg').boundingBox();
  await page.mouse.click(box.x + box.width * 0.66, box.y + box.height / 2);
  await settle(page);
  assert.deepEqual(await failure(), { Kind: 'alarm', AtSeconds: 700 }, 'the what-if is unchanged');
  const moved = Number(await page.inputValue(SCRUBBER));
  assert.ok(moved > 700 && moved < planned, `the playhead moved after the rollback (${moved})`);
});

test('every strategy meets the same what-if, shows its risk, and "Use this" switches the design (Undo switches back)', async () => {
  await page.click('.comparison__summary');
  await page.waitForSelector('[data-testid=strategy-comparison] tbody tr');
  const rows = () => page.$$eval('[data-testid=strategy-comparison] tbody tr', (trs) => trs.map((tr) => ({
    label: tr.querySelector('th').textContent.trim(),
    outcome: tr.querySelector('[data-testid=comparison-outcome]').getAttribute('data-outcome'),
    risk: Number(tr.querySelector('[data-testid=comparison-risk]').getAttribute('data-exposure-percent')),
    riskText: tr.querySelector('[data-testid=comparison-risk]').textContent.trim(),
    use: Boolean(tr.querySelector('[data-testid=comparison-use]')),
  })));

  // The what-if at 700 s is in the first bake of every strategy: every row rolls back.
  let table = await rows();
  assert.deepEqual(table.map((r) => r.label), ['This design', 'All at once', 'Canary 10%', 'Linear 20%', 'Rolling 20%']);
  assert.deepEqual(table.map((r) => r.outcome), Array(5).fill('rolled-back-alarm'));
  assert.match(await page.textContent('[data-testid=strategy-comparison] caption'), /a problem starting at 11m 40s in every row/);

  await typeWhatIf('');
  table = await rows();
  assert.deepEqual(table.map((r) => r.risk), [10, 100, 10, 20, 20], 'all at once exposes all traffic before a rollback can act');
  assert.deepEqual(table.map((r) => r.riskText.slice(0, 4)), ['10%,', '100%', '10%,', '20%,', '20%,']);
  assert.deepEqual(table.map((r) => r.use), [false, true, false, true, true], 'no "Use this" for the strategy the design already has');

  // A pause, so that the switch is an undo step of its own rather than part of the typing.
  await page.waitForTimeout(1100);
  await page.click('[data-testid=comparison-use][aria-label="Use All at once"]');
  await page.waitForFunction(() => document.querySelector('[data-testid=export-cli-json]').textContent.includes('ALL_AT_ONCE'));
  const switched = JSON.parse(await exportText(page, 'export-cli-json')).DeploymentConfig.BlueGreenUpdatePolicy;
  assert.equal(switched.TrafficRoutingConfiguration.Type, 'ALL_AT_ONCE');
  assert.equal(switched.TrafficRoutingConfiguration.WaitIntervalInSeconds, 600, 'the bake is kept');
  assert.equal((await summary(page)).peak, 20);
  await page.waitForFunction(() => document.querySelector('[data-testid=strategy-comparison] tbody tr [data-testid=comparison-risk]')?.getAttribute('data-exposure-percent') === '100');

  await page.click('[data-testid=undo]');
  await settle(page);
  const back = JSON.parse(await exportText(page, 'export-cli-json')).DeploymentConfig.BlueGreenUpdatePolicy.TrafficRoutingConfiguration;
  assert.deepEqual([back.Type, back.CanarySize], ['CANARY', { Type: 'CAPACITY_PERCENT', Value: 10 }]);
});

test('the step list follows the playhead and says why the peak is twice the fleet', async () => {
  await page.waitForSelector('[data-testid=timeline-step]');
  const steps = () => page.$$eval('[data-testid=timeline-step]', (lis) => lis.map((li) => ({
    text: li.textContent.replace(/\s+/g, ' ').trim(),
    current: li.getAttribute('aria-current'),
  })));
  await scrubTo(0);
  let list = await steps();
  assert.deepEqual(list.map((s) => s.text.split(':').slice(0, 2).join(':')), [
    '0:00 Provisioning', '5:00 Step 1 of 2', '15:00 Step 2 of 2', '25:00 Termination wait', '30:00 Done',
  ]);
  assert.deepEqual(list.map((s) => s.current), ['step', null, null, null, null]);

  await scrubTo(1000);
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=timeline-step]')[2]?.getAttribute('aria-current') === 'step');
  list = await steps();
  assert.equal(list.filter((s) => s.current === 'step').length, 1, 'one step is marked');
  assert.equal(list[2].text, '15:00 Step 2 of 2: 10 of 10 new instances take 100% of the traffic; they bake 10m while the rollback alarms are watched');
  assert.match(await words(), /^16:40, baking step 2 of 2/, 'the playhead and the list agree');
  assert.equal(list[1].text, '5:00 Step 1 of 2: 1 of 10 new instances take 10% of the traffic; they bake 10m while the rollback alarms are watched');

  const why = await page.textContent('[data-testid=timeline-peak-why]');
  assert.match(why, /^Peak 20 instances at 5:00: 10 old and 10 new side by side, because blue\/green .*twice the fleet\.$/);
});

test('the old fleet\'s line stays visible where it equals the new fleet\'s', async () => {
  const d = await page.$$eval('svg.chart__svg path.line--old, svg.chart__svg path.line--new', (ps) => ps.map((p) => [p.getAttribute('class'), p.getAttribute('d')]));
  assert.deepEqual(d.map((x) => x[0]), ['line line--new', 'line line--old'], 'the dashed old line is drawn over the new');
  assert.notEqual(d[0][1], d[1][1]);
});

test('no page errors', () => {
  assert.deepEqual(log.pageErrors, []);
});
