// What runs now, pasted as a describe-endpoint output, is the baseline of a review: the
// diff lists only what both the baseline and the design state (no invented removals, none
// of the page's own defaults as a change), the move from the running config to the new one
// comes first, and the message after "Set as baseline" points at where the changes are.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveDist, launch, openPage, importText, exportText, fieldId } from './lib/harness.mjs';
import { settle } from './lib/e2e.mjs';

let server, browser;
before(async () => {
  server = await serveDist({ prefix: '/review-baseline/' });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

// A running endpoint: config cfg-7, 6 × ml.c5.2xlarge, its last deployment a linear policy.
const DESCRIBE = JSON.stringify({
  EndpointName: 'orders-scorer',
  EndpointArn: 'arn:aws:sagemaker:eu-west-1:111122223333:endpoint/orders-scorer',
  EndpointConfigName: 'orders-scorer-cfg-7',
  ProductionVariants: [{
    VariantName: 'AllTraffic', CurrentWeight: 1, DesiredWeight: 1,
    CurrentInstanceCount: 6, DesiredInstanceCount: 6,
    InstancePools: [{ InstanceType: 'ml.c5.2xlarge', CurrentInstanceCount: 6 }],
  }],
  EndpointStatus: 'InService',
  LastDeploymentConfig: {
    BlueGreenUpdatePolicy: {
      TrafficRoutingConfiguration: { Type: 'LINEAR', LinearStepSize: { Type: 'CAPACITY_PERCENT', Value: 50 }, WaitIntervalInSeconds: 300 },
      MaximumExecutionTimeoutInSeconds: 3600,
    },
    AutoRollbackConfiguration: { Alarms: [{ AlarmName: 'orders-5xx' }] },
  },
}, null, 2);

async function changes(page) {
  return page.$$eval('[data-testid=diff-change]', (els) => els.map((e) => ({
    path: e.getAttribute('data-path'), change: e.getAttribute('data-change'), text: e.textContent,
  })));
}

/** Pastes `text` as the baseline and waits until the diff has its changes (not loading). */
async function setBaseline(page, text) {
  await page.fill('[data-testid=baseline-input]', text);
  await page.click('[data-testid=baseline-apply]');
  await page.waitForSelector('[data-testid=baseline-done]', { timeout: 20000 });
  await page.waitForFunction(() => document.querySelector('.diff') && !document.querySelector('.diff__waiting'), null, { timeout: 30000 });
  await settle(page);
}

async function newDesign(page) {
  page.on('dialog', (d) => d.accept());
  await page.click('[data-testid=new-design]');
  await settle(page);
}

async function markdown(page) {
  await page.click('#tab-review-markdown');
  await page.waitForFunction(() => document.querySelector('[data-testid=export-review-markdown]')?.getAttribute('aria-busy') === 'false', null, { timeout: 20000 });
  const md = await exportText(page, 'export-review-markdown');
  const start = md.indexOf('## Change against what runs now');
  assert.ok(start >= 0, `the summary has a change section:\n${md}`);
  const end = md.indexOf('## Simulation assumptions', start);
  return md.slice(start, end < 0 ? undefined : end);
}

test('a describe-endpoint baseline on a new design lists no removal the design did not make', async () => {
  const { page, context, log } = await openPage(browser, server.url);
  await newDesign(page);
  await setBaseline(page, DESCRIBE);

  const list = await changes(page);
  assert.deepEqual(list.filter((c) => c.change === 'removed'), [], 'nothing is listed as removed');
  assert.ok(!list.some((c) => /no longer names/.test(c.text)), `no "no longer names an endpoint": ${JSON.stringify(list)}`);
  assert.ok(!list.some((c) => c.path.startsWith('Endpoint.CurrentVariants')), `the page's default fleet is no change: ${JSON.stringify(list)}`);

  // The message says where the changes are, and its button goes there.
  const done = await page.textContent('[data-testid=baseline-done]');
  assert.doesNotMatch(done, /listed below/);
  assert.match(done, /above, under .What changes against what runs now./);
  await page.click('[data-testid=baseline-to-diff]');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'diff-title');
  const top = await page.$eval('#diff-title', (e) => e.getBoundingClientRect().top);
  assert.ok(top > -2 && top < 900, `the changes are scrolled into view (top ${top})`);

  // The Markdown says the same, and says what it did not compare.
  const md = await markdown(page);
  assert.doesNotMatch(md, /no longer names/);
  assert.doesNotMatch(md, /\| `EndpointName`|\| `DeploymentConfig/);
  assert.match(md, /Not in the design yet, so not compared: the endpoint's name/);
  assert.deepEqual(log.pageErrors, []);
  await context.close();
});

test('the same output imported as the design is no change, and no guess of the page is listed', async () => {
  const { page, context, log } = await openPage(browser, server.url);
  await newDesign(page);
  await importText(page, DESCRIBE);
  await setBaseline(page, DESCRIBE);

  assert.deepEqual(await changes(page), [], 'no change is listed');
  assert.ok(await page.$('[data-testid=diff-none]'), 'the diff says there is no change');
  assert.equal((await page.$$('[data-testid=diff-introduced]')).length, 0, 'no finding is introduced (EndpointConfigName missing is not a change)');
  assert.equal((await page.$$('[data-testid=diff-resolved]')).length, 0, 'none is resolved');
  assert.equal((await page.$$('[data-testid=diff-figure]')).length, 0, 'no figure moves');

  const md = await markdown(page);
  assert.doesNotMatch(md, /\| Field \|/, 'no table of changes');
  assert.doesNotMatch(md, /ml\\?\.m5\\?\.xlarge/, 'no default instance type');
  assert.doesNotMatch(md, /Findings the change introduces\n\n- /);
  assert.deepEqual(log.pageErrors, []);
  await context.close();
});

test('a design that moves the endpoint to a new config lists that move first', async () => {
  const { page, context, log } = await openPage(browser, server.url);
  await newDesign(page);
  await importText(page, DESCRIBE);
  await page.fill(`#${fieldId('EndpointConfigName')}`, 'orders-scorer-cfg-8');
  await page.press(`#${fieldId('EndpointConfigName')}`, 'Tab');
  await settle(page);
  await setBaseline(page, DESCRIBE);

  const list = await changes(page);
  assert.ok(list.length > 0, 'the move is listed');
  assert.equal(list[0].path, 'EndpointConfigName');
  assert.equal(list[0].change, 'changed');
  assert.match(list[0].text, /orders-scorer-cfg-7 → orders-scorer-cfg-8/);
  assert.match(list[0].text, /moves endpoint orders-scorer from config orders-scorer-cfg-7 to config orders-scorer-cfg-8/);
  assert.equal(list.filter((c) => c.path === 'EndpointConfigName').length, 1);

  const md = await markdown(page);
  const rows = md.split('\n').filter((l) => l.startsWith('| `'));
  assert.match(rows[0] || '', /^\| `EndpointConfigName` \| orders\\?-scorer\\?-cfg\\?-7 \| orders\\?-scorer\\?-cfg\\?-8 \| The update moves endpoint/, md);
  assert.deepEqual(log.pageErrors, []);
  await context.close();
});
