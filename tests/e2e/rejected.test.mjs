// A request AWS would refuse does not "succeed": with an error of the service's rules the
// outcome is `rejected`, the page says which error and how many, and the chart is faded. A
// value left to fill in (a placeholder) is incomplete, not refused.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveDist, launch, openPage, importText } from './lib/harness.mjs';
import { settle, summary, importError, doc, pct, blueGreen, typeInto } from './lib/e2e.mjs';

const ROUTING = 'DeploymentConfig.BlueGreenUpdatePolicy.TrafficRoutingConfiguration';
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

test('a canary over 50% is rejected, named, and fixing it runs the rollout again', async () => {
  const d = doc(blueGreen({ Type: 'CANARY', WaitIntervalInSeconds: 600, CanarySize: pct(60) }, {}, {
    deployment: { AutoRollbackConfiguration: { Alarms: [{ AlarmName: 'ep-5xx' }] } },
  }));
  await importText(page, JSON.stringify(d));
  await settle(page);
  assert.equal(await importError(page), null);
  const s = await summary(page);
  assert.equal(s.outcome, 'rejected');
  assert.match(s.text, /Refused by AWS/);
  const words = await page.$eval('[data-testid=timeline-refused]', (e) => (e.hidden ? '' : e.textContent));
  assert.match(words, /AWS refuses this request \(1 error of its rules; the first at DeploymentConfig\.BlueGreenUpdatePolicy\.TrafficRoutingConfiguration\.CanarySize/);
  assert.ok(await page.$('.chart--faded'), 'the chart is not faded');

  await typeInto(page, `${ROUTING}.CanarySize.Value`, '20');
  assert.equal((await summary(page)).outcome, 'succeeded');
  assert.equal(await page.$eval('[data-testid=timeline-refused]', (e) => e.hidden), true);
  assert.equal(await page.$('.chart--faded'), null);
});

test('a placeholder leaves the design incomplete, not rejected', async () => {
  await importText(page, 'aws sagemaker update-endpoint --endpoint-name "$EP" --endpoint-config-name cfg-v2');
  await settle(page);
  assert.equal(await importError(page), null);
  assert.equal((await summary(page)).outcome, 'succeeded');
});
