// The IaC exports "with its endpoint configuration": a Terraform module or CloudFormation
// template that deploys alone (the config from the new fleet, names as variables or
// parameters, required_providers), switched on in the page and read back by its import.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveDist, launch, openPage, importText, exportText } from './lib/harness.mjs';
import { settle, variant, pct, blueGreen } from './lib/e2e.mjs';

const fleet = [{ ...variant(6, { type: 'ml.g5.2xlarge' }), ModelName: 'ranker-model-v8' }];
const DESIGN = JSON.stringify({
  Version: 2,
  Request: { ...blueGreen({ Type: 'LINEAR', WaitIntervalInSeconds: 300, LinearStepSize: pct(25) }), EndpointName: 'ranker-eu', EndpointConfigName: 'ranker-eu-cfg-v8' },
  Endpoint: { CurrentEndpointConfigName: 'ranker-eu-cfg-v7', CurrentVariants: [variant(6, { type: 'ml.g5.2xlarge' })], NewVariants: fleet },
  Simulation: { ProvisioningSeconds: 300, Failure: null },
});

let server, browser;

before(async () => {
  server = await serveDist();
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

async function openTab(page, id) {
  await page.click(`#tab-${id}`);
  await page.waitForFunction((id) => {
    const e = document.querySelector(`[data-testid=export-${id}]`);
    return e && e.getAttribute('aria-busy') === 'false' && e.textContent.trim().length > 0;
  }, id, { timeout: 60000 });
}

test('the exports deploy on their own with the endpoint configuration, and read back', async () => {
  const { page, context, log } = await openPage(browser, server.url);
  await importText(page, DESIGN);
  await openTab(page, 'terraform');
  const plain = await exportText(page, 'export-terraform');
  assert.doesNotMatch(plain, /aws_sagemaker_endpoint_configuration/, 'off by default: the endpoint alone');
  await page.check('#panel-terraform [data-testid=export-with-endpoint-config]');
  await page.waitForFunction(() => /aws_sagemaker_endpoint_configuration/.test(document.querySelector('[data-testid=export-terraform]').textContent)
    && document.querySelector('[data-testid=export-terraform]').getAttribute('aria-busy') === 'false');
  const tf = await exportText(page, 'export-terraform');
  assert.match(tf, /required_providers/);
  assert.match(tf, /variable "[a-z_]*endpoint_name"/);
  assert.match(tf, /ranker-model-v8/, 'the model name as a default');
  assert.match(tf, /ml\.g5\.2xlarge/);
  // The option holds on the other IaC tabs too.
  await openTab(page, 'cloudformation-yaml');
  assert.equal(await page.isChecked('#panel-cloudformation-yaml [data-testid=export-with-endpoint-config]'), true);
  const cfn = await exportText(page, 'export-cloudformation-yaml');
  assert.match(cfn, /AWS::SageMaker::EndpointConfig/);
  assert.match(cfn, /Parameters:/);

  // Pasted back into the import, the module gives the same fleet and policy.
  const { page: again, context: c2 } = await openPage(browser, server.url);
  await importText(again, tf);
  assert.equal(await again.$('[data-testid=import-error]'), null, 'the module reads back');
  await settle(again);
  const doc = JSON.parse(await exportText(again, 'export-document'));
  assert.equal(doc.Endpoint.NewVariants[0].InstanceType, 'ml.g5.2xlarge');
  assert.equal(doc.Endpoint.NewVariants[0].InitialInstanceCount, 6);
  assert.equal(doc.Request.DeploymentConfig.BlueGreenUpdatePolicy.TrafficRoutingConfiguration.Type, 'LINEAR');
  await c2.close();
  assert.deepEqual(log.pageErrors, []);
  await context.close();
});
