// Every export tab the converters write, opened as a user opens it (the tab is drawn when
// first opened): its text is this design's, in its own language, the hook is not busy once
// filled, the copy button copies exactly that text, and the download has the target's file
// name. An edit while a tab is open rewrites it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveDist, launch, openPage, importText, exportText } from './lib/harness.mjs';
import { typeInto } from './lib/e2e.mjs';

let server, browser;
before(async () => {
  server = await serveDist({ prefix: '/tools/designer/' });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

// A linear rollout with two alarms, one of them with a quote and a dollar in its name.
const DESIGN = JSON.stringify({
  Version: 1,
  Request: {
    EndpointName: 'orders-ranker',
    EndpointConfigName: 'orders-ranker-cfg-12',
    DeploymentConfig: {
      BlueGreenUpdatePolicy: {
        TrafficRoutingConfiguration: { Type: 'LINEAR', LinearStepSize: { Type: 'CAPACITY_PERCENT', Value: 25 }, WaitIntervalInSeconds: 300 },
        MaximumExecutionTimeoutInSeconds: 7200,
      },
      AutoRollbackConfiguration: { Alarms: [{ AlarmName: 'orders-5xx' }, { AlarmName: 'p99 "latency" $HOME' }] },
    },
  },
});

// What each tab must say: its own syntax, and the design's values.
const TABS = [
  ['cloudformation-yaml', /\.yaml$/, /AWS::SageMaker::Endpoint/, /LINEAR/],
  ['cloudformation-json', /\.json$/, /"AWS::SageMaker::Endpoint"/, /"LINEAR"/],
  ['terraform', /\.tf$/, /resource "aws_sagemaker_endpoint"/, /LINEAR/],
  ['terraform-awscc', /\.tf$/, /resource "awscc_sagemaker_endpoint"/, /LINEAR/],
  ['cdk-typescript', /\.ts$/, /CfnEndpoint/, /LINEAR/],
  ['cdk-python', /\.py$/, /CfnEndpoint/, /LINEAR/],
  ['stepfunctions', /\.json$/, /arn:aws:states:::sagemaker:updateEndpoint/, /LINEAR/],
  ['iam-policy', /\.json$/, /sagemaker:UpdateEndpoint/, /orders-ranker/],
  ['apply-python', /\.py$/, /describe_endpoint/, /orders-ranker/],
  ['apply-bash', /\.sh$/, /aws sagemaker describe-endpoint/, /orders-ranker/],
  ['apply-stepfunctions', /\.json$/, /"StartAt"/, /orders-ranker/],
  ['eventbridge-rule', /\.json$/, /SageMaker Endpoint Deployment State Change/, /orders-ranker/],
  ['review-markdown', /^deployment-review\.md$/, /^#/m, /orders-ranker/],
];

async function openTab(page, id) {
  await page.click(`#tab-${id}`);
  await page.waitForFunction((id) => {
    const e = document.querySelector(`[data-testid=export-${id}]`);
    return e && e.getAttribute('aria-busy') === 'false' && e.textContent.trim().length > 0;
  }, id, { timeout: 60000 });
  return exportText(page, `export-${id}`);
}

test('each converters tab, opened, shows this design in its own language and downloads under its name', async () => {
  const { page, context, log } = await openPage(browser, server.url);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await importText(page, DESIGN);
  for (const [id, file, syntax, value] of TABS) {
    const text = await openTab(page, id);
    assert.match(text, syntax, `${id}: its own syntax`);
    assert.match(text, value, `${id}: this design's values`);
    if (id !== 'iam-policy') assert.ok(text.includes('orders-ranker'), `${id}: the endpoint's name`);
    assert.doesNotMatch(text, /could not be (loaded|written)/, `${id}: written`);
    await page.click(`[data-testid=copy-${id}]`);
    // The status answers the copy, whichever way it went: say which if it is not "Copied".
    await page.waitForFunction(() => document.querySelector('.tabs__panel:not([hidden]) .exports__status').textContent.trim() !== '');
    const status = await page.locator('.tabs__panel:not([hidden]) .exports__status').textContent();
    assert.match(status, /Copied/, `${id}: the copy's status`);
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), text, `${id}: the copy is the text shown`);
    const button = page.locator(`#panel-${id} .exports__actions button:nth-of-type(2)`);
    const download = page.waitForEvent('download');
    await button.click();
    const name = (await download).suggestedFilename();
    assert.match(name, file, `${id}: the file's extension`);
    assert.equal(await button.textContent(), `Download ${name}`, `${id}: the button names the file it saves`);
  }
  // Typing while a tab is open rewrites it.
  await openTab(page, 'terraform');
  await typeInto(page, 'EndpointName', 'orders-ranker-eu');
  await page.waitForFunction(() => {
    const e = document.querySelector('[data-testid=export-terraform]');
    return e.getAttribute('aria-busy') === 'false' && e.textContent.includes('orders-ranker-eu');
  }, null, { timeout: 20000 });
  assert.deepEqual(log.pageErrors, []);
  await context.close();
});
