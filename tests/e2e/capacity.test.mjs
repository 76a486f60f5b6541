// Instance quotas (design document Version 2's `Endpoint.Quotas`): a Service Quotas output
// pasted into the import makes a blue/green update of 10 ml.g5.12xlarge fail (it needs 20 at
// once, the quota is 12); the one-click rolling fix makes it fit; the rolling update's
// rollback is then over the quota, which a warning says and the what-if shows.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveDist, launch, openPage, findings, importText } from './lib/harness.mjs';
import { settle, summary, importError, variant, pct, blueGreen } from './lib/e2e.mjs';

const TYPE = 'ml.g5.12xlarge';

function design() {
  const request = blueGreen({ Type: 'CANARY', WaitIntervalInSeconds: 600, CanarySize: pct(20) }, {}, {
    deployment: { AutoRollbackConfiguration: { Alarms: [{ AlarmName: 'chat-5xx' }] } },
  });
  const fleet = [variant(10, { type: TYPE })];
  return {
    Version: 2,
    Request: request,
    Endpoint: { CurrentEndpointConfigName: 'cfg-v1', CurrentVariants: fleet, NewVariants: fleet },
    Simulation: { ProvisioningSeconds: 300, Failure: null },
  };
}

// What `aws service-quotas list-service-quotas --service-code sagemaker` prints (shortened).
const QUOTAS = JSON.stringify({
  Quotas: [
    { ServiceCode: 'sagemaker', ServiceName: 'Amazon SageMaker', QuotaCode: 'L-11111111', QuotaName: `${TYPE} for endpoint usage`, Value: 12.0, Unit: 'None', Adjustable: true, GlobalQuota: false },
    { ServiceCode: 'sagemaker', ServiceName: 'Amazon SageMaker', QuotaCode: 'L-22222222', QuotaName: `${TYPE} for training job usage`, Value: 2.0, Unit: 'None', Adjustable: true, GlobalQuota: false },
    { ServiceCode: 'sagemaker', ServiceName: 'Amazon SageMaker', QuotaCode: 'L-33333333', QuotaName: 'ml.m5.xlarge for endpoint usage', Value: 20.0, Unit: 'None', Adjustable: true, GlobalQuota: false },
  ],
}, null, 4);

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

async function paste(text) {
  await importText(page, text);
  await settle(page);
  assert.equal(await importError(page), null, 'the page refused the import');
}

test('a quota paste makes blue/green fail, and the rolling fix makes it fit', async () => {
  await paste(JSON.stringify(design(), null, 2));
  assert.equal((await summary(page)).outcome, 'succeeded');
  await paste(QUOTAS);
  let s = await summary(page);
  assert.equal(s.outcome, 'failed-capacity');
  assert.equal(s.total, 0);
  let found = await findings(page);
  const over = found.find((f) => f.path === 'Endpoint.NewVariants[0].InstanceType');
  assert.ok(over, JSON.stringify(found));
  assert.equal(over.severity, 'error');
  assert.match(over.text, /needs 20 ml\.g5\.12xlarge at once/);
  // The quota is a line on the chart.
  assert.ok(await page.$('.quota-line'), 'no quota line on the chart');
  const doc = JSON.parse(await page.$eval('[data-testid=export-document]', (e) => e.textContent));
  assert.deepEqual(doc.Endpoint.Quotas, [{ InstanceType: TYPE, Limit: 12, InUse: 0 }]);

  const fixes = await page.$$eval('[data-testid=capacity-fix]', (els) => els.map((e) => e.textContent));
  assert.deepEqual(fixes, ['Use a rolling update, 2 instance(s) per batch', `Ask for a quota of 20 ${TYPE} (and use it here)`]);
  await page.click('[data-testid=capacity-fix] >> nth=0');
  await settle(page);
  s = await summary(page);
  assert.equal(s.outcome, 'succeeded');
  assert.equal(s.peak, 12);
  found = await findings(page);
  assert.ok(!found.some((f) => f.path === 'Endpoint.NewVariants[0].InstanceType'), JSON.stringify(found));
  const exported = JSON.parse(await page.$eval('[data-testid=export-cli-json]', (e) => e.textContent));
  assert.deepEqual(exported.DeploymentConfig.RollingUpdatePolicy.MaximumBatchSize, { Type: 'INSTANCE_COUNT', Value: 2 });
  assert.equal(exported.DeploymentConfig.BlueGreenUpdatePolicy, undefined);
});

test('a rolling rollback over the quota is a warning, and the what-if ends in UpdateRollbackFailed', async () => {
  // Continues from the fixed design: 10 old, batches of 2, quota 12.
  const found = await findings(page);
  const rb = found.find((f) => f.path === 'DeploymentConfig.RollingUpdatePolicy.RollbackMaximumBatchSize');
  assert.ok(rb, JSON.stringify(found));
  assert.equal(rb.severity, 'warning');
  assert.match(rb.text, /from 20m on needs 20 ml\.g5\.12xlarge at once/);
  // A problem in the third batch's bake (2100-2700 s): its rollback needs 6 + 4 + 6.
  await page.fill('[data-testid=alarm-trip-input]', '2200');
  await page.press('[data-testid=alarm-trip-input]', 'Enter');
  await settle(page);
  assert.equal((await summary(page)).outcome, 'update-rollback-failed');
  // The first batch's bake: nothing terminated yet, the rollback needs nothing more.
  await page.fill('[data-testid=alarm-trip-input]', '400');
  await page.press('[data-testid=alarm-trip-input]', 'Enter');
  await settle(page);
  assert.equal((await summary(page)).outcome, 'rolled-back-alarm');
});
