// "What your pipeline sees": the simulated DescribeEndpoint at the playhead (its status, the
// pending deployment's variant status in AWS's wording, the config after a rollback), and the
// callers' waits: Terraform gives up on a long linear rollout; every waiter calls an alarm's
// rollback a success.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveDist, launch, openPage, importText } from './lib/harness.mjs';
import { settle, importError, variant, pct, blueGreen } from './lib/e2e.mjs';

function design(routing, simulation = { ProvisioningSeconds: 300, Failure: null }) {
  const request = blueGreen(routing, {}, {
    deployment: { AutoRollbackConfiguration: { Alarms: [{ AlarmName: 'ranker-5xx' }] } },
  });
  request.EndpointName = 'ranker';
  request.EndpointConfigName = 'ranker-v2';
  return {
    Version: 2,
    Request: request,
    Endpoint: { CurrentEndpointConfigName: 'ranker-v1', CurrentVariants: [variant(10)], NewVariants: [variant(10)] },
    Simulation: simulation,
  };
}

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

async function scrubTo(t) {
  await page.$eval('[data-testid=timeline-scrubber]', (el, v) => {
    el.value = String(v);
    el.dispatchEvent(new Event('input', { bubbles: true }));
  }, t);
  await settle(page);
}

async function described() {
  return JSON.parse(await page.$eval('[data-testid=describe-endpoint]', (e) => e.textContent));
}

async function verdicts() {
  return page.$$eval('[data-testid=caller-wait]', (els) => Object.fromEntries(els.map((e) => [e.getAttribute('data-caller'), e.getAttribute('data-verdict')])));
}

test('the DescribeEndpoint response follows the playhead, in AWS wording', async () => {
  await load(design({ Type: 'CANARY', WaitIntervalInSeconds: 600, CanarySize: pct(20) }));
  await page.click('.pipeline__summary');
  await settle(page);
  await scrubTo(100);
  let d = await described();
  assert.equal(d.EndpointStatus, 'Updating');
  assert.equal(d.EndpointConfigName, 'ranker-v1');
  assert.equal(d.PendingDeploymentSummary.EndpointConfigName, 'ranker-v2');
  assert.deepEqual(d.PendingDeploymentSummary.ProductionVariants[0].VariantStatus[0].Status, 'Creating');
  assert.equal(d.PendingDeploymentSummary.ProductionVariants[0].VariantStatus[0].StatusMessage, 'Launching 10 instance(s).');
  await scrubTo(400);
  d = await described();
  assert.match(d.PendingDeploymentSummary.ProductionVariants[0].VariantStatus[0].StatusMessage, /canary capacity of 2 instance\(s\)/);
  await scrubTo(1500);
  d = await described();
  assert.equal(d.EndpointStatus, 'InService');
  assert.equal(d.EndpointConfigName, 'ranker-v2');
  assert.equal(d.PendingDeploymentSummary, undefined);
  assert.deepEqual(await verdicts(), { botocore: 'ok', 'aws-cli': 'ok', terraform: 'ok', cloudformation: 'ok' });
});

test('a rollback ends InService on the old config, and the waiters call it a success', async () => {
  await load(design({ Type: 'CANARY', WaitIntervalInSeconds: 600, CanarySize: pct(20) }, { ProvisioningSeconds: 300, Failure: { Kind: 'alarm', AtSeconds: 700 } }));
  await scrubTo(700);
  const d = await described();
  assert.equal(d.EndpointStatus, 'InService');
  assert.equal(d.EndpointConfigName, 'ranker-v1');
  assert.ok(d.FailureReason, JSON.stringify(d));
  const v = await verdicts();
  assert.equal(v.botocore, 'reports-success-on-failure');
  assert.equal(v.terraform, 'reports-success-on-failure');
});

test('Terraform stops waiting before a long linear rollout ends', async () => {
  // Linear 10% with 15-minute bakes: 300 + 10 × 900 = 9300 s.
  await load(design({ Type: 'LINEAR', WaitIntervalInSeconds: 900, LinearStepSize: pct(10) }));
  const row = await page.$eval('[data-testid=caller-wait][data-caller=terraform]', (e) => ({ verdict: e.getAttribute('data-verdict'), text: e.textContent }));
  assert.equal(row.verdict, 'gives-up');
  assert.match(row.text, /stops waiting after 1h; this rollout takes 2h 35m/);
  assert.equal((await verdicts()).botocore, 'gives-up');
});
