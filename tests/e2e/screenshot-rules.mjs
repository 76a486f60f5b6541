// Screenshots of the team's rules section with a finding, the masthead's Undo and Redo, and
// the import section opened: light, dark and phone.
//   node tests/e2e/screenshot-rules.mjs [dist-dir] [out-dir]
// Not a test: for looking at the page after a change. Prints console and page errors.
import { launch, serveDist, openPage, importText } from './lib/harness.mjs';

const [dir, out = '/tmp'] = process.argv.slice(2);
const server = await serveDist(dir ? { dir } : {});
const browser = await launch();
const design = {
  Version: 2,
  Request: { EndpointName: 'checkout-ranker-prod', EndpointConfigName: 'checkout-ranker-cfg-8', DeploymentConfig: {
    BlueGreenUpdatePolicy: { TrafficRoutingConfiguration: { Type: 'CANARY', CanarySize: { Type: 'CAPACITY_PERCENT', Value: 25 }, WaitIntervalInSeconds: 180 } } } },
  Endpoint: { CurrentVariants: [{ VariantName: 'AllTraffic', InstanceType: 'ml.c5.2xlarge', InitialInstanceCount: 8, InitialVariantWeight: 1 }],
    NewVariants: [{ VariantName: 'AllTraffic', InstanceType: 'ml.c5.2xlarge', InitialInstanceCount: 8, InitialVariantWeight: 1 }] },
  Simulation: { ProvisioningSeconds: 300, Failure: null },
};
const rules = `# Platform team rules
version: 1
rules:
  - name: prod-canary-max
    severity: error
    message: Production canaries take at most 10% of the fleet.
    endpoints: "*-prod"
    canary: { at_most: 10% }
  - name: prod-bake
    severity: warning
    message: Bake each step at least five minutes in production.
    endpoints: "*-prod"
    bake: { at_least: 5m }
  - name: prod-alarms
    severity: error
    message: Production rollouts roll back on at least one alarm.
    endpoints: "*-prod"
    rollback_alarms: { at_least: 1 }
`;
for (const v of [
  { name: 'light', viewport: { width: 1400, height: 1000 }, colorScheme: 'light' },
  { name: 'dark', viewport: { width: 1400, height: 1000 }, colorScheme: 'dark' },
  { name: 'narrow', viewport: { width: 390, height: 844 }, colorScheme: 'light' },
]) {
  const { page, context, log } = await openPage(browser, server.url, v);
  await importText(page, JSON.stringify(design));
  await page.click('.team-rules__section__summary');
  await page.fill('[data-testid=rules-input]', rules);
  await page.click('[data-testid=rules-apply]');
  await page.waitForSelector('[data-testid=rule-finding]');
  await page.locator('.team-rules').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${out}/team-rules-${v.name}.png` });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `${out}/masthead-${v.name}.png` });
  for (const e of [...log.consoleErrors, ...log.pageErrors]) console.log(`[${v.name}] ${e}`);
  await context.close();
}
await browser.close();
await server.close();
