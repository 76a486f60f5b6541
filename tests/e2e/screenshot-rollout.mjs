// Screenshots of the rollout views (design document Version 2): the alarm definitions with a
// slow alarm's finding, a blue/green update over its instance quota with the quota line and
// the fixes, and "What your pipeline sees" during a canary: light, dark and phone.
//   node tests/e2e/screenshot-rollout.mjs [dist-dir] [out-dir]
// Prints console and page errors. Not a test: for looking at the page after a change.
import { launch, serveDist, openPage, openImport } from './lib/harness.mjs';

const [dir, out = '/tmp'] = process.argv.slice(2);
const server = await serveDist(dir ? { dir } : {});
const browser = await launch();
const fleet = [{ VariantName: 'AllTraffic', InstanceType: 'ml.g5.12xlarge', InitialInstanceCount: 10, InitialVariantWeight: 1 }];
const design = {
  Version: 2,
  Request: {
    EndpointName: 'chat-llm', EndpointConfigName: 'chat-llm-v8',
    DeploymentConfig: {
      BlueGreenUpdatePolicy: { TrafficRoutingConfiguration: { Type: 'CANARY', CanarySize: { Type: 'CAPACITY_PERCENT', Value: 20 }, WaitIntervalInSeconds: 300 } },
      AutoRollbackConfiguration: { Alarms: [{ AlarmName: 'chat-llm-5xx' }] },
    },
  },
  Endpoint: { CurrentEndpointConfigName: 'chat-llm-v7', CurrentVariants: fleet, NewVariants: fleet, Quotas: [{ InstanceType: 'ml.g5.12xlarge', Limit: 12, InUse: 0 }] },
  Alarms: [{
    AlarmName: 'chat-llm-5xx', Namespace: 'AWS/SageMaker', MetricName: 'Invocation5XXErrors',
    Dimensions: [{ Name: 'EndpointName', Value: 'chat-llm' }, { Name: 'VariantName', Value: 'AllTraffic' }],
    Statistic: 'Sum', Period: 600, EvaluationPeriods: 2, DatapointsToAlarm: 2, Threshold: 1,
    ComparisonOperator: 'GreaterThanOrEqualToThreshold', TreatMissingData: 'notBreaching',
  }],
  Simulation: { ProvisioningSeconds: 300, Failure: null },
};
const views = [
  { name: 'light', viewport: { width: 1400, height: 1000 }, colorScheme: 'light' },
  { name: 'dark', viewport: { width: 1400, height: 1000 }, colorScheme: 'dark' },
  { name: 'narrow', viewport: { width: 390, height: 844 }, colorScheme: 'light' },
];
for (const v of views) {
  const { page, context, log } = await openPage(browser, server.url, v);
  await openImport(page);
  await page.fill('[data-testid=import-input]', JSON.stringify(design));
  await page.click('[data-testid=import-apply]');
  await page.waitForSelector('[data-testid=alarm-definition]');
  await page.locator('.alarm-defs').screenshot({ path: `${out}/alarms-${v.name}.png` });
  await page.locator('.quotas').screenshot({ path: `${out}/quotas-${v.name}.png` });
  await page.locator('.chart').first().screenshot({ path: `${out}/capacity-chart-${v.name}.png` }).catch((e) => console.log(`[${v.name}] chart: ${e.message}`));
  // Fit the quota (ask for 20), then look at the pipeline view mid-canary.
  await page.click('[data-testid=capacity-fix] >> nth=1');
  await page.click('.pipeline__summary');
  await page.$eval('[data-testid=timeline-scrubber]', (el) => { el.value = '400'; el.dispatchEvent(new Event('input', { bubbles: true })); });
  await page.waitForTimeout(200);
  await page.locator('.pipeline').screenshot({ path: `${out}/pipeline-${v.name}.png` });
  for (const e of [...log.consoleErrors, ...log.pageErrors]) console.log(`[${v.name}] ${e}`);
  await context.close();
}
await browser.close();
await server.close();
