// Rollback alarms with definitions (design document Version 2's `Alarms`): a slow alarm gets
// its finding at the alarm's path, a faster period clears it, the what-if trips the rollback
// after the alarm's detection time, a Version 1 what-if still opens, "Define" offers a
// definition that can trip in time, and a canary with no rollback alarm is warned about.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveDist, launch, openPage, findings, importText } from './lib/harness.mjs';
import { settle, summary, typeInto, importError, variant, pct, blueGreen } from './lib/e2e.mjs';

const ROLLBACK = 'DeploymentConfig.AutoRollbackConfiguration';

/** A canary of 20% on 10 instances baking `bake` s, with the rollback alarm ranker-5xx. */
function design({ bake = 300, alarms, version = 2, simulation = { ProvisioningSeconds: 300, Failure: null } } = {}) {
  const request = blueGreen({ Type: 'CANARY', WaitIntervalInSeconds: bake, CanarySize: pct(20) }, {}, {
    deployment: { AutoRollbackConfiguration: { Alarms: [{ AlarmName: 'ranker-5xx' }] } },
  });
  request.EndpointName = 'ranker';
  request.EndpointConfigName = 'ranker-v2';
  const d = {
    Version: version,
    Request: request,
    Endpoint: { CurrentEndpointConfigName: 'ranker-v1', CurrentVariants: [variant(10)], NewVariants: [variant(10)] },
    Simulation: simulation,
  };
  if (alarms) d.Alarms = alarms;
  return d;
}

// AWS's guide's example: ten-minute periods, two of them. 1,260 s before it can trip.
const slowAlarm = {
  AlarmName: 'ranker-5xx',
  Namespace: 'AWS/SageMaker',
  MetricName: 'Invocation5XXErrors',
  Dimensions: [
    { Name: 'EndpointName', Value: 'ranker' },
    { Name: 'VariantName', Value: 'AllTraffic' },
    { Name: 'EndpointConfigName', Value: 'ranker-v2' },
  ],
  Statistic: 'Sum',
  Period: 600,
  EvaluationPeriods: 2,
  DatapointsToAlarm: 2,
  Threshold: 1,
  ComparisonOperator: 'GreaterThanOrEqualToThreshold',
  TreatMissingData: 'missing',
};

let server, browser, page;

before(async () => {
  server = await serveDist();
  browser = await launch();
  ({ page } = await openPage(browser, server.url));
});

after(async () => {
  await browser?.close();
  await server?.close();
});

async function load(d) {
  await importText(page, JSON.stringify(d, null, 2));
  await settle(page);
  assert.equal(await importError(page), null, 'the page refused the import');
}

async function definitions() {
  return page.$$eval('[data-testid=alarm-definition]', (els) => els.map((e) => ({
    alarm: e.getAttribute('data-alarm'),
    detect: e.getAttribute('data-detect-seconds'),
    text: e.textContent,
  })));
}

test('a slow alarm gets its finding at its path, and a faster period clears it', async () => {
  await load(design({ alarms: [slowAlarm] }));
  const defs = await definitions();
  assert.deepEqual(defs.map((d) => [d.alarm, d.detect]), [['ranker-5xx', '1260']]);
  assert.ok(defs[0].text.includes('Can trip 21m after a problem starts'), defs[0].text);
  let found = await findings(page);
  const slow = found.find((f) => f.path === 'Alarms[0].Period');
  assert.ok(slow, `no finding at Alarms[0].Period: ${JSON.stringify(found)}`);
  assert.equal(slow.severity, 'warning');
  assert.match(slow.text, /1260 s \(21m\)/);
  assert.match(slow.text, /never roll this deployment back/);

  await typeInto(page, 'Alarms[0].Period', '60');
  found = await findings(page);
  assert.equal(found.filter((f) => f.path.startsWith('Alarms[')).length, 0, JSON.stringify(found));
  assert.deepEqual((await definitions()).map((d) => d.detect), ['180']);
  const exported = JSON.parse(await page.$eval('[data-testid=export-document]', (e) => e.textContent));
  assert.equal(exported.Version, 2);
  assert.equal(exported.Alarms[0].Period, 60);
  assert.equal(exported.Alarms[0].AlarmName, 'ranker-5xx');
});

test('the what-if trips the rollback after the alarm can detect the problem', async () => {
  // Period 60, two datapoints: 180 s. A problem at 400 s (in the canary's bake, 300-600 s)
  // is caught at 580 s, still in the canary's bake.
  await load(design({ alarms: [{ ...slowAlarm, Period: 60 }] }));
  await page.fill('[data-testid=alarm-trip-input]', '400');
  await page.press('[data-testid=alarm-trip-input]', 'Enter');
  await settle(page);
  const s = await summary(page);
  assert.equal(s.outcome, 'rolled-back-alarm');
  assert.equal(s.total, 580);
  const words = await page.$eval('[data-testid=alarm-detection]', (e) => e.textContent);
  assert.match(words, /can trip 3m later, at 9m 40s/);
  // Caught before all traffic moves (at 600 s) when the problem starts by 599 - 180 s.
  assert.match(words, /must start by 6m 59s/);
  const exported = JSON.parse(await page.$eval('[data-testid=export-document]', (e) => e.textContent));
  assert.deepEqual(exported.Simulation.Failure, { Kind: 'alarm', AtSeconds: 400 });
});

test('a Version 1 document with an alarm trip opens as the same design', async () => {
  const v1 = design({ version: 1, simulation: { ProvisioningSeconds: 300, AlarmTripAtSeconds: 700 } });
  await load(v1);
  const s = await summary(page);
  // No definitions: the alarm trips at once, at 700 s, as in SIMULATION.md's worked example.
  assert.equal(s.outcome, 'rolled-back-alarm');
  assert.equal(s.total, 700);
  const exported = JSON.parse(await page.$eval('[data-testid=export-document]', (e) => e.textContent));
  assert.deepEqual(exported.Simulation.Failure, { Kind: 'alarm', AtSeconds: 700 });
  assert.equal(exported.Simulation.AlarmTripAtSeconds, undefined);
});

test('Define offers a definition of the new fleet that can trip within the bake', async () => {
  await load(design({ bake: 600 }));
  assert.deepEqual(await definitions(), []);
  // The section stays open once it has been open (an earlier design had definitions).
  if (!(await page.$eval('.alarm-defs', (e) => e.open))) {
    await page.click('.alarm-defs__summary');
    await settle(page);
  }
  await page.click('[data-testid=alarm-define]');
  await settle(page);
  const defs = await definitions();
  assert.deepEqual(defs.map((d) => [d.alarm, d.detect]), [['ranker-5xx', '180']]);
  assert.ok(defs[0].text.includes('EndpointConfigName = ranker-v2'), defs[0].text);
  const found = await findings(page);
  assert.deepEqual(found, [], JSON.stringify(found));
});

test('an alarm on the whole endpoint and a quiet canary are warned about', async () => {
  const wide = {
    ...slowAlarm,
    Period: 60,
    Dimensions: [{ Name: 'EndpointName', Value: 'ranker' }],
    TreatMissingData: 'notBreaching',
  };
  await load(design({ bake: 600, alarms: [wide] }));
  const found = await findings(page);
  const keys = found.map((f) => `${f.severity} ${f.path}`).sort();
  assert.deepEqual(keys, ['warning Alarms[0].Dimensions', 'warning Alarms[0].TreatMissingData']);
  assert.match(found.find((f) => f.path === 'Alarms[0].Dimensions').text, /old fleet included/);
});

test('a canary with no rollback alarm is warned about', async () => {
  const d = design();
  delete d.Request.DeploymentConfig.AutoRollbackConfiguration;
  await load(d);
  const found = await findings(page);
  assert.deepEqual(found.map((f) => `${f.severity} ${f.path}`), [`warning ${ROLLBACK}`]);
  assert.match(found[0].text, /nothing can roll it back/);
});
