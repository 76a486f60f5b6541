// Screenshots of the built page as a user sees it: light, dark, narrow (phone) and print,
// then the review of a change (a review link with a baseline) in light, dark and narrow.
//   node tests/e2e/screenshot.mjs [dist-dir] [out-dir]
// Prints console and page errors. Not a test: for looking at the page after a change.
import { launch, serveDist, openPage, openImport } from './lib/harness.mjs';

const [dir, out = '/tmp'] = process.argv.slice(2);
const server = await serveDist(dir ? { dir } : {});
const browser = await launch();
const views = [
  { name: 'light', viewport: { width: 1400, height: 1000 }, colorScheme: 'light' },
  { name: 'dark', viewport: { width: 1400, height: 1000 }, colorScheme: 'dark' },
  { name: 'narrow', viewport: { width: 390, height: 844 }, colorScheme: 'light' },
  { name: 'print', viewport: { width: 1100, height: 1000 }, colorScheme: 'light', print: true },
];
for (const v of views) {
  const { page, context, log } = await openPage(browser, server.url, v);
  if (v.print) await page.emulateMedia({ media: 'print' });
  await page.screenshot({ path: `${out}/${v.name}.png`, fullPage: Boolean(v.print) });
  for (const e of [...log.consoleErrors, ...log.pageErrors]) console.log(`[${v.name}] ${e}`);
  await context.close();
}

// A review link: what runs now (a canary of 10% baking 10 minutes, two alarms) against a
// proposal (20%, 5 minutes, one alarm dropped), made on the page as a user makes it.
const base = { Version: 1, Request: { EndpointName: 'checkout-ranker', EndpointConfigName: 'checkout-ranker-cfg-7', DeploymentConfig: {
  BlueGreenUpdatePolicy: { TrafficRoutingConfiguration: { Type: 'CANARY', CanarySize: { Type: 'CAPACITY_PERCENT', Value: 10 }, WaitIntervalInSeconds: 600 }, MaximumExecutionTimeoutInSeconds: 3600 },
  AutoRollbackConfiguration: { Alarms: [{ AlarmName: 'ranker-5xx' }, { AlarmName: 'ranker-p99' }] } } },
  Endpoint: { CurrentVariants: [{ VariantName: 'AllTraffic', InstanceType: 'ml.c5.2xlarge', InitialInstanceCount: 10, InitialVariantWeight: 1 }],
    NewVariants: [{ VariantName: 'AllTraffic', InstanceType: 'ml.c5.2xlarge', InitialInstanceCount: 10, InitialVariantWeight: 1 }] } };
const proposal = structuredClone(base);
proposal.Request.EndpointConfigName = 'checkout-ranker-cfg-8';
proposal.Request.DeploymentConfig.BlueGreenUpdatePolicy.TrafficRoutingConfiguration.CanarySize.Value = 20;
proposal.Request.DeploymentConfig.BlueGreenUpdatePolicy.TrafficRoutingConfiguration.WaitIntervalInSeconds = 300;
proposal.Request.DeploymentConfig.AutoRollbackConfiguration.Alarms.pop();
const maker = await openPage(browser, server.url);
await openImport(maker.page);
await maker.page.fill('[data-testid=import-input]', JSON.stringify(proposal));
await maker.page.click('[data-testid=import-apply]');
await maker.page.fill('[data-testid=baseline-input]', JSON.stringify(base));
await maker.page.click('[data-testid=baseline-apply]');
await maker.page.waitForSelector('[data-testid=diff-change]');
const link = await maker.page.inputValue('[data-testid=share-link]');
await maker.context.close();
const reviews = views.filter((v) => !v.print).map((v) => ({ ...v, name: `review-${v.name}` }));
for (const v of reviews) {
  const { page, context, log } = await openPage(browser, link, v);
  await page.waitForSelector('[data-testid=diff-change]');
  await page.screenshot({ path: `${out}/${v.name}.png`, fullPage: true });
  for (const e of [...log.consoleErrors, ...log.pageErrors]) console.log(`[${v.name}] ${e}`);
  await context.close();
}
await browser.close();
await server.close();
console.log(`screenshots in ${out}: ${[...views, ...reviews].map((v) => v.name + '.png').join(', ')}`);
