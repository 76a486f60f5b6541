// A user's journey, in one browser page as a person would take it: a canary policy designed
// from "New design", findings that follow the edits, imports of a --cli-input-json request
// and a boto3 call, the share link opened in a fresh browser (read-only review, "Edit a
// copy"), an alarm what-if, and a reload that keeps the draft.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serveDist, launch, openPage, findings, importText, exportText, fieldId, ROOT } from './lib/harness.mjs';
import { settle, typeInto, typeOnly, summary, allExports, csvRows, importError } from './lib/e2e.mjs';

const ROUTING = 'DeploymentConfig.BlueGreenUpdatePolicy.TrafficRoutingConfiguration';
const CANARY = `${ROUTING}.CanarySize`;
const ALARM = (i) => `DeploymentConfig.AutoRollbackConfiguration.Alarms[${i}].AlarmName`;
const DRAFT_KEY = 'sagemaker-deployment-designer.draft';

let server, browser, page, context, log;

before(async () => {
  server = await serveDist();
  browser = await launch();
  ({ page, context, log } = await openPage(browser, server.url));
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.origin });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** Where a finding is shown: beside its field (and in the open list) or held back. */
async function findingPlace(p) {
  return page.$$eval('[data-testid=finding]', (els, p) => els.filter((e) => e.getAttribute('data-path') === p).map((e) => ({
    severity: e.getAttribute('data-severity'),
    heldBack: !!e.closest('details.findings__held'),
  })), p);
}
const besideField = (p) => page.$eval(`#${fieldId(p)}-findings`, (e) => e.textContent.trim());
const cliJson = async () => JSON.parse(await exportText(page, 'export-cli-json'));

test('design a canary policy from "New design"; the findings follow the edits', async () => {
  await page.click('[data-testid=new-design]');
  await settle(page);
  assert.deepEqual(await cliJson(), {}, 'a new design starts empty');
  // The missing names are errors, held back until the user types in the field.
  assert.deepEqual(await findingPlace('EndpointName'), [{ severity: 'error', heldBack: true }]);
  assert.equal(await besideField('EndpointName'), '');

  // Shown from the first keystroke (not on blur: a finding appearing on blur would move the
  // page under a pointer on its way to the next control).
  await typeOnly(page, 'EndpointName', 'churn_ep');
  assert.deepEqual(await findingPlace('EndpointName'), [{ severity: 'error', heldBack: false }], 'shown once the user types');
  assert.deepEqual(await findingPlace('EndpointConfigName'), [{ severity: 'error', heldBack: true }], 'the untouched field stays calm');
  assert.match(await besideField('EndpointName'), /churn_ep/);
  assert.equal(await page.getAttribute(`#${fieldId('EndpointName')}`, 'aria-invalid'), 'true');
  await typeInto(page, 'EndpointName', 'churn-ep');
  assert.deepEqual(await findingPlace('EndpointName'), [], 'fixing the name clears it');
  assert.equal(await page.getAttribute(`#${fieldId('EndpointName')}`, 'aria-invalid'), 'false');
  await typeInto(page, 'EndpointConfigName', 'churn-cfg-v2');

  await page.check('#strategy-canary');
  await settle(page);
  await typeInto(page, `${CANARY}.Value`, '60');
  // 60% of 4 instances is 3 of 4: over S2's 50%.
  assert.deepEqual(await findingPlace(CANARY), [{ severity: 'error', heldBack: false }]);
  assert.match(await besideField(CANARY), /Error/);
  assert.equal(await page.$eval('[data-testid=findings-count]', (e) => e.getAttribute('data-errors')), '1');
  await typeInto(page, `${CANARY}.Value`, '20');
  assert.deepEqual(await findingPlace(CANARY), []);
  assert.equal(await besideField(CANARY), '');
  await typeInto(page, `${ROUTING}.WaitIntervalInSeconds`, '600');

  for (const [i, name] of ['churn-ep-5xx-errors', 'churn-ep-p99-latency'].entries()) {
    await page.click('[data-testid=alarm-add]');
    await settle(page);
    // The cursor lands in the new row.
    assert.equal(await page.evaluate(() => document.activeElement.id), fieldId(ALARM(i)));
    await typeInto(page, ALARM(i), name);
  }
  assert.deepEqual(await findings(page), [], 'a complete design has no findings');
  assert.deepEqual(await cliJson(), {
    EndpointName: 'churn-ep',
    EndpointConfigName: 'churn-cfg-v2',
    DeploymentConfig: {
      BlueGreenUpdatePolicy: { TrafficRoutingConfiguration: { Type: 'CANARY', WaitIntervalInSeconds: 600, CanarySize: { Type: 'CAPACITY_PERCENT', Value: 20 } } },
      AutoRollbackConfiguration: { Alarms: [{ AlarmName: 'churn-ep-5xx-errors' }, { AlarmName: 'churn-ep-p99-latency' }] },
    },
  });
  // One of 4 instances (25%) bakes from 300 to 900, then all of them to 1500.
  const s = await summary(page);
  assert.deepEqual([s.outcome, s.total], ['succeeded', 1500]);
});

test('import a --cli-input-json request, then a boto3 call: the request is replaced, the endpoint kept', async () => {
  const endpointBefore = JSON.parse(await exportText(page, 'export-document')).Endpoint;
  const request = {
    EndpointName: 'fraud-ep',
    EndpointConfigName: 'fraud-cfg-v9',
    DeploymentConfig: {
      BlueGreenUpdatePolicy: {
        TrafficRoutingConfiguration: { Type: 'LINEAR', WaitIntervalInSeconds: 300, LinearStepSize: { Type: 'CAPACITY_PERCENT', Value: 25 } },
        MaximumExecutionTimeoutInSeconds: 7200,
      },
    },
  };
  await importText(page, JSON.stringify(request, null, 4));
  await settle(page);
  assert.equal(await importError(page), null);
  assert.deepEqual(await cliJson(), request);
  assert.deepEqual(JSON.parse(await exportText(page, 'export-document')).Endpoint, endpointBefore);
  assert.equal(await page.inputValue(`#${fieldId('EndpointName')}`), 'fraud-ep', 'the form shows the import');

  // The boto3 fixture: a real script with comments, mixed quotes, implicit concatenation,
  // a raw string and a digit separator. Expected request written from reading it.
  await importText(page, fs.readFileSync(path.join(ROOT, 'tests', 'fixtures', 'boto3-snippet.py'), 'utf8'));
  await settle(page);
  assert.equal(await importError(page), null);
  assert.deepEqual(await cliJson(), {
    EndpointName: 'churn-ep',
    EndpointConfigName: 'churn-cfg-v4',
    RetainAllVariantProperties: false,
    DeploymentConfig: {
      BlueGreenUpdatePolicy: {
        TrafficRoutingConfiguration: { Type: 'CANARY', WaitIntervalInSeconds: 600, CanarySize: { Type: 'CAPACITY_PERCENT', Value: 10 } },
        TerminationWaitInSeconds: 300,
        MaximumExecutionTimeoutInSeconds: 3600,
      },
      AutoRollbackConfiguration: { Alarms: [{ AlarmName: 'churn-ep-5xx-errors' }, { AlarmName: 'churn-ep-p99-latency' }] },
    },
  });
  assert.deepEqual(JSON.parse(await exportText(page, 'export-document')).Endpoint, endpointBefore);
  assert.deepEqual(await findings(page), []);
});

test('the copied share link opens the same design read-only in a fresh browser; "Edit a copy" edits it', async () => {
  await page.click('[data-testid=share-copy]');
  await page.waitForFunction(() => document.querySelector('.share__meta').textContent.includes('Link copied.'));
  const link = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(link, await page.inputValue('[data-testid=share-link]'));
  assert.ok(link.startsWith(`${server.url}#d1.`), link);
  const mine = await allExports(page);
  const mySummary = await summary(page);

  const other = await openPage(browser, link); // a fresh context: no draft, no history
  const p2 = other.page;
  await settle(p2);
  assert.ok(await p2.isVisible('[data-testid=review-edit-copy]'), 'review mode');
  assert.equal(await p2.$(`#${fieldId('EndpointName')}`), null, 'no form while reviewing');
  assert.deepEqual(await allExports(p2), mine, 'the same exports, to the character');
  assert.deepEqual(await summary(p2), mySummary, 'the same summary');
  assert.equal(await p2.evaluate((k) => localStorage.getItem(k), DRAFT_KEY), null, 'reviewing saves no draft');

  await p2.click('[data-testid=review-edit-copy]');
  await settle(p2);
  assert.equal(await p2.$('[data-testid=review-edit-copy]'), null);
  assert.equal(new URL(p2.url()).hash, '', 'the link is dropped from the address');
  assert.equal(await p2.inputValue(`#${fieldId('EndpointName')}`), 'churn-ep');
  await typeInto(p2, 'EndpointName', 'churn-ep-copy');
  assert.equal(JSON.parse(await exportText(p2, 'export-cli-json')).EndpointName, 'churn-ep-copy');
  const draft = await p2.evaluate((k) => localStorage.getItem(k), DRAFT_KEY);
  assert.deepEqual(JSON.parse(draft), JSON.parse(await exportText(p2, 'export-document')), 'the copy is now the draft');
  assert.deepEqual(other.log.pageErrors, []);
  await other.context.close();

  assert.equal(JSON.parse(await exportText(page, 'export-cli-json')).EndpointName, 'churn-ep', 'the original is untouched');
});

test('an alarm during a bake rolls the deployment back; a reload keeps the draft', async () => {
  // Canary 10% of 4 instances: 1 instance serves from 300 and bakes until 900.
  const input = '[data-testid=alarm-trip-input]';
  await page.fill(input, '700');
  await page.press(input, 'Enter');
  await page.press(input, 'Tab');
  await settle(page);
  const s = await summary(page);
  assert.deepEqual([s.outcome, s.total], ['rolled-back-alarm', 700]);
  const rows = csvRows(await exportText(page, 'export-timeline-csv'));
  assert.deepEqual([rows.at(-1).t, rows.at(-1).traffic, rows.at(-1).new], [700, 0, 0], 'the CSV ends at 0% traffic, new fleet gone');
  assert.ok(rows.some((r) => r.t === 300 && r.traffic === 25), 'the canary served first');

  const docBefore = await exportText(page, 'export-document');
  await page.reload();
  await page.waitForSelector('[data-testid=timeline-summary]');
  await settle(page);
  assert.equal(await exportText(page, 'export-document'), docBefore, 'the draft survives a reload');
  assert.equal((await summary(page)).outcome, 'rolled-back-alarm');
  assert.equal(await page.inputValue(input), '700');
  assert.equal(await page.$('[data-testid=notice]'), null, 'no notice on a normal reload');

  await page.click('[data-testid=alarm-clear]');
  await settle(page);
  assert.equal((await summary(page)).outcome, 'succeeded');
});

test('nothing leaves the page: every request went to the page\'s own server, no errors', () => {
  const foreign = log.requests.filter((u) => !u.startsWith(server.origin) && !u.startsWith('data:') && !u.startsWith('blob:'));
  assert.deepEqual(foreign, []);
  assert.deepEqual(log.pageErrors, []);
});
