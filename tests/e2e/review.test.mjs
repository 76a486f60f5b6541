// A reviewer's journey, in the built page: what runs now (a describe-endpoint output) is
// the baseline, the design is changed, the diff and the overlaid timelines say what
// changes, the Markdown summary is copied, and the review link opens the same diff,
// read-only, in a fresh browser.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveDist, launch, openPage, exportText, openImport } from './lib/harness.mjs';
import { settle, typeInto } from './lib/e2e.mjs';

const ROUTING = 'DeploymentConfig.BlueGreenUpdatePolicy.TrafficRoutingConfiguration';

let server, browser;
before(async () => {
  server = await serveDist({ prefix: '/review/' });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

// What runs now: a canary of 1 instance baking 10 minutes, watched by two alarms.
const DESCRIBE = JSON.stringify({
  EndpointName: 'checkout-ranker',
  EndpointArn: 'arn:aws:sagemaker:eu-west-1:111122223333:endpoint/checkout-ranker',
  EndpointConfigName: 'checkout-ranker-cfg-7',
  ProductionVariants: [{
    VariantName: 'AllTraffic', CurrentWeight: 1, DesiredWeight: 1,
    CurrentInstanceCount: 10, DesiredInstanceCount: 10,
    InstancePools: [{ InstanceType: 'ml.c5.2xlarge', CurrentInstanceCount: 10 }],
  }],
  EndpointStatus: 'InService',
  LastDeploymentConfig: {
    BlueGreenUpdatePolicy: {
      TrafficRoutingConfiguration: { Type: 'CANARY', CanarySize: { Type: 'CAPACITY_PERCENT', Value: 10 }, WaitIntervalInSeconds: 600 },
      MaximumExecutionTimeoutInSeconds: 3600,
    },
    AutoRollbackConfiguration: { Alarms: [{ AlarmName: 'ranker-5xx' }, { AlarmName: 'ranker-p99|latency' }] },
  },
}, null, 2);

// The proposal, as a design document: canary 20%, a 5-minute bake, one alarm dropped.
const PROPOSAL = JSON.stringify({
  Version: 1,
  Request: {
    EndpointName: 'checkout-ranker',
    EndpointConfigName: 'checkout-ranker-cfg-8',
    DeploymentConfig: {
      BlueGreenUpdatePolicy: {
        TrafficRoutingConfiguration: { Type: 'CANARY', CanarySize: { Type: 'CAPACITY_PERCENT', Value: 20 }, WaitIntervalInSeconds: 300 },
        MaximumExecutionTimeoutInSeconds: 3600,
      },
      AutoRollbackConfiguration: { Alarms: [{ AlarmName: 'ranker-5xx' }] },
    },
  },
  Endpoint: {
    CurrentEndpointConfigName: 'checkout-ranker-cfg-7',
    CurrentVariants: [{ VariantName: 'AllTraffic', InstanceType: 'ml.c5.2xlarge', InitialInstanceCount: 10, InitialVariantWeight: 1 }],
    NewVariants: [{ VariantName: 'AllTraffic', InstanceType: 'ml.c5.2xlarge', InitialInstanceCount: 10, InitialVariantWeight: 1 }],
  },
});

async function changes(page) {
  return page.$$eval('[data-testid=diff-change]', (els) => els.map((e) => ({
    path: e.getAttribute('data-path'), change: e.getAttribute('data-change'), text: e.textContent,
  })));
}

test('a reviewer compares the proposal with what runs now, shares it, and the link shows the same diff', async () => {
  const { page, context, log } = await openPage(browser, server.url);
  // The proposal first, then what runs now as the baseline.
  await openImport(page);
  await page.fill('[data-testid=import-input]', PROPOSAL);
  await page.click('[data-testid=import-apply]');
  await page.fill('[data-testid=baseline-input]', DESCRIBE);
  await page.click('[data-testid=baseline-apply]');
  await page.waitForSelector('[data-testid=diff-change]', { timeout: 20000 });

  const list = await changes(page);
  const canary = list.find((c) => c.path.startsWith(`${ROUTING}.CanarySize`));
  assert.ok(canary, `the canary size is listed: ${JSON.stringify(list)}`);
  assert.equal(canary.change, 'changed');
  assert.match(canary.text, /10%.*20%/);
  assert.match(canary.text, /1 → 2 instances/);
  const wait = list.find((c) => c.path === `${ROUTING}.WaitIntervalInSeconds`);
  assert.ok(wait, 'the bake is listed');
  const alarm = list.find((c) => c.change === 'removed' && c.path.includes('Alarms'));
  assert.ok(alarm, 'the dropped alarm is listed');
  assert.match(alarm.text, /ranker-p99\|latency/);
  assert.ok(!list.some((c) => c.path === 'EndpointName'), 'an unchanged member is not listed');

  // The timelines: the baseline drawn under the design, the playhead read for both.
  assert.ok(await page.$('.chart__before path.line--before-traffic'));
  assert.match(await page.textContent('[data-testid=timeline-playhead-before]'), /What runs now/);
  // Rollout figures before -> after.
  assert.ok((await page.$$('[data-testid=diff-figure]')).length > 0);

  // Edit further: the diff follows.
  await typeInto(page, `${ROUTING}.WaitIntervalInSeconds`, '600');
  assert.ok(!(await changes(page)).some((c) => c.path === `${ROUTING}.WaitIntervalInSeconds`), 'the bake is back to what runs now');

  // The Markdown summary has the diff table and the review link.
  await page.click('#tab-review-markdown');
  await page.waitForFunction(() => document.querySelector('[data-testid=export-review-markdown]').getAttribute('aria-busy') === 'false', null, { timeout: 20000 });
  const md = await exportText(page, 'export-review-markdown');
  assert.match(md, /\|/);
  assert.match(md, /ranker-p99\\\|latency|ranker-p99\|latency/);
  const link = await page.inputValue('[data-testid=share-link]');
  assert.ok(md.includes(link), 'the summary carries the review link');

  // The baseline survives a reload.
  const expected = await changes(page);
  await page.reload();
  await page.waitForSelector('[data-testid=diff-change]', { timeout: 20000 });
  assert.deepEqual(await changes(page), expected);

  // A fresh browser opens the link read-only on the same diff.
  const fresh = await openPage(browser, link);
  await fresh.page.waitForSelector('[data-testid=diff-change]');
  assert.deepEqual(await changes(fresh.page), expected);
  assert.ok(await fresh.page.$('[data-testid=review-edit-copy]'));
  assert.equal(await fresh.page.$('[data-testid=baseline-input]'), null, 'read-only: no baseline box');
  await fresh.context.close();

  // Clearing the baseline removes the diff.
  await page.click('[data-testid=baseline-clear]');
  await settle(page);
  assert.equal((await page.$$('[data-testid=diff-change]')).length, 0);
  assert.deepEqual(log.pageErrors, []);
  await context.close();
});

test('a design compared with itself says there is no change', async () => {
  const { page, context } = await openPage(browser, server.url);
  await openImport(page);
  await page.fill('[data-testid=import-input]', PROPOSAL);
  await page.click('[data-testid=import-apply]');
  await page.fill('[data-testid=baseline-input]', PROPOSAL);
  await page.click('[data-testid=baseline-apply]');
  await page.waitForSelector('[data-testid=diff-none]');
  assert.equal((await page.$$('[data-testid=diff-change]')).length, 0);
  await context.close();
});

test('an old share link (one design) still opens, without a diff', async () => {
  const { page, context } = await openPage(browser, server.url);
  const link = await page.inputValue('[data-testid=share-link]');
  const fresh = await openPage(browser, link);
  assert.ok(await fresh.page.$('[data-testid=review-edit-copy]'));
  assert.equal(await fresh.page.$('[data-testid=diff]'), null);
  await fresh.context.close();
  await context.close();
});

test('without the converters the review still draws both timelines and says why the changes are missing', async () => {
  const context = await browser.newContext();
  await context.route(/converters-[0-9a-f]+(_bg\.wasm|\.js)$|converters(_bg\.wasm|\.js)$/, (route) => route.abort());
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(server.url);
  await page.waitForSelector('[data-testid=timeline-summary]');
  // Both are design documents: the first view reads them without the second module.
  await openImport(page);
  await page.fill('[data-testid=import-input]', PROPOSAL);
  await page.click('[data-testid=import-apply]');
  const before = JSON.parse(PROPOSAL);
  before.Request.DeploymentConfig.BlueGreenUpdatePolicy.TrafficRoutingConfiguration.WaitIntervalInSeconds = 1200;
  await page.fill('[data-testid=baseline-input]', JSON.stringify(before));
  await page.click('[data-testid=baseline-apply]');
  await page.waitForFunction(() => /could not be loaded/.test(document.querySelector('.diff')?.textContent || ''), null, { timeout: 20000 });
  assert.equal((await page.$$('[data-testid=diff-change]')).length, 0, 'no change is listed without the module');
  assert.equal(await page.$('[data-testid=diff-none]'), null, 'and it does not claim there is no change');
  assert.ok(await page.$('.chart__before path.line--before-traffic'), 'the baseline is drawn under the design');
  assert.match(await page.textContent('[data-testid=timeline-playhead-before]'), /What runs now/);
  assert.deepEqual(errors, []);
  await context.close();
});
