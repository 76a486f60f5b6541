// The forms people paste beyond Python and the CLI, each as a user would paste it: the AWS
// SDKs (JavaScript v3, Java 2.x, Kotlin, Go v2, .NET), a runbook page in Markdown with several
// blocks, and a bare policy fragment that merges into the design being edited. Each says what
// it recognised, fills the form, and leaves what the text does not give as a placeholder.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveDist, launch, openPage, importText, exportText } from './lib/harness.mjs';
import { settle } from './lib/e2e.mjs';

const ROUTING = 'DeploymentConfig.BlueGreenUpdatePolicy.TrafficRoutingConfiguration';

let server, browser;

before(async () => {
  server = await serveDist();
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

async function imported(text, page) {
  let context = null;
  if (!page) ({ page, context } = await openPage(browser, server.url));
  await importText(page, text);
  await settle(page);
  const done = await page.$eval('[data-testid=import-done]', (e) => e.textContent).catch(() => null);
  const error = await page.$eval('[data-testid=import-error]', (e) => e.textContent).catch(() => null);
  const placeholders = await page.$$eval('[data-testid=placeholder]', (els) => els.map((e) => e.getAttribute('data-path')));
  const document = JSON.parse(await exportText(page, 'export-document'));
  if (context) await context.close();
  return { done, error, placeholders, document, routing: document.Request.DeploymentConfig?.BlueGreenUpdatePolicy?.TrafficRoutingConfiguration };
}

const CASES = [
  {
    name: 'JavaScript v3 with a spread, an env default and `as const`',
    form: /JavaScript v3 `UpdateEndpointCommand`/,
    text: `import { SageMakerClient, UpdateEndpointCommand } from "@aws-sdk/client-sagemaker";

const client = new SageMakerClient({ region: "eu-west-1" });
// shared by every stage
const rollback = { AutoRollbackConfiguration: { Alarms: [{ AlarmName: "search-5xx" }] } } as const;

export async function ship(configName: string) {
  await client.send(new UpdateEndpointCommand({
    EndpointName: process.env.ENDPOINT ?? "search-ranker",
    EndpointConfigName: configName,
    DeploymentConfig: {
      ...rollback,
      BlueGreenUpdatePolicy: {
        TrafficRoutingConfiguration: { Type: "CANARY", CanarySize: { Type: "CAPACITY_PERCENT", Value: 15 }, WaitIntervalInSeconds: 420 },
        TerminationWaitInSeconds: 300,
      },
    },
  }));
}
`,
    check: (o) => {
      assert.equal(o.routing.Type, 'CANARY');
      assert.equal(o.routing.CanarySize.Value, 15);
      assert.equal(o.document.Request.DeploymentConfig.AutoRollbackConfiguration.Alarms[0].AlarmName, 'search-5xx');
      assert.ok(o.placeholders.includes('EndpointConfigName'), `${o.placeholders}`);
    },
  },
  {
    name: 'Java 2.x builders with an enum constant',
    form: /Java 2\.x/,
    text: `// Deploys the nightly model with a linear shift.
UpdateEndpointRequest request = UpdateEndpointRequest.builder()
    .endpointName("fraud-scorer")
    .endpointConfigName(newConfigName)
    .deploymentConfig(DeploymentConfig.builder()
        .blueGreenUpdatePolicy(BlueGreenUpdatePolicy.builder()
            .trafficRoutingConfiguration(TrafficRoutingConfig.builder()
                .type(TrafficRoutingConfigType.LINEAR)
                .linearStepSize(CapacitySize.builder().type(CapacitySizeType.CAPACITY_PERCENT).value(20).build())
                .waitIntervalInSeconds(300)
                .build())
            .build())
        .build())
    .build();
sageMaker.updateEndpoint(request);
`,
    check: (o) => {
      assert.equal(o.document.Request.EndpointName, 'fraud-scorer');
      assert.equal(o.routing.Type, 'LINEAR');
      assert.equal(o.routing.LinearStepSize.Value, 20);
      assert.ok(o.placeholders.includes('EndpointConfigName'));
    },
  },
  {
    name: 'Kotlin DSL',
    form: /Kotlin/,
    text: `suspend fun rollOut(client: SageMakerClient, cfg: String) {
    client.updateEndpoint {
        endpointName = "churn-model"
        endpointConfigName = cfg
        deploymentConfig {
            rollingUpdatePolicy {
                maximumBatchSize { type = CapacitySizeType.InstanceCount; value = 2 }
                waitIntervalInSeconds = 120
            }
        }
    }
}
`,
    check: (o) => {
      const r = o.document.Request.DeploymentConfig.RollingUpdatePolicy;
      assert.equal(r.MaximumBatchSize.Type, 'INSTANCE_COUNT');
      assert.equal(r.MaximumBatchSize.Value, 2);
      assert.equal(r.WaitIntervalInSeconds, 120);
    },
  },
  {
    name: 'Go v2 with aws.String and types constants',
    form: /Go v2/,
    text: `package deploy

func Update(ctx context.Context, c *sagemaker.Client, cfg string) error {
	_, err := c.UpdateEndpoint(ctx, &sagemaker.UpdateEndpointInput{
		EndpointName:       aws.String("ads-ctr"),
		EndpointConfigName: aws.String(cfg),
		DeploymentConfig: &types.DeploymentConfig{
			BlueGreenUpdatePolicy: &types.BlueGreenUpdatePolicy{
				TrafficRoutingConfiguration: &types.TrafficRoutingConfig{
					Type:                  types.TrafficRoutingConfigTypeAllAtOnce,
					WaitIntervalInSeconds: aws.Int32(600),
				},
			},
		},
	})
	return err
}
`,
    check: (o) => {
      assert.equal(o.document.Request.EndpointName, 'ads-ctr');
      assert.equal(o.routing.Type, 'ALL_AT_ONCE');
      assert.equal(o.routing.WaitIntervalInSeconds, 600);
    },
  },
  {
    name: '.NET object initialisers',
    form: /\.NET/,
    text: `var request = new UpdateEndpointRequest
{
    EndpointName = "pricing",
    EndpointConfigName = $"pricing-{build}",
    DeploymentConfig = new DeploymentConfig
    {
        BlueGreenUpdatePolicy = new BlueGreenUpdatePolicy
        {
            TrafficRoutingConfiguration = new TrafficRoutingConfig
            {
                Type = TrafficRoutingConfigType.CANARY,
                CanarySize = new CapacitySize { Type = CapacitySizeType.INSTANCE_COUNT, Value = 1 },
                WaitIntervalInSeconds = 900,
            },
        },
    },
};
await client.UpdateEndpointAsync(request);
`,
    check: (o) => {
      assert.equal(o.routing.CanarySize.Type, 'INSTANCE_COUNT');
      assert.equal(o.routing.WaitIntervalInSeconds, 900);
      assert.ok(o.placeholders.includes('EndpointConfigName'));
    },
  },
  {
    name: 'a runbook page in Markdown with several blocks',
    form: /boto3 `update_endpoint` call in a Markdown code block at line 10/,
    text: `# Déploiement du modèle de recommandation

Avant de lancer la mise à jour, vérifier la configuration :

\`\`\`bash
aws sagemaker describe-endpoint-config --endpoint-config-name reco-v12
\`\`\`

\`\`\`python
sm.update_endpoint(
    EndpointName="reco",
    EndpointConfigName="reco-v12",
    DeploymentConfig={"BlueGreenUpdatePolicy": {"TrafficRoutingConfiguration": {"Type": "ALL_AT_ONCE", "WaitIntervalInSeconds": 60}}},
)
\`\`\`

Ensuite, surveiller les alarmes pendant une heure.
`,
    check: (o) => {
      assert.equal(o.document.Request.EndpointName, 'reco');
      assert.equal(o.routing.WaitIntervalInSeconds, 60);
    },
  },
];

for (const c of CASES) {
  test(`imports ${c.name}`, async () => {
    const o = await imported(c.text);
    assert.equal(o.error, null, o.error);
    assert.match(o.done, c.form);
    c.check(o);
  });
}

test('a bare blue/green policy merges into the design being edited and says so', async () => {
  const { page, context, log } = await openPage(browser, server.url);
  const before = JSON.parse(await exportText(page, 'export-document'));
  const o = await imported(`{
  "TrafficRoutingConfiguration": {"Type": "LINEAR", "LinearStepSize": {"Type": "CAPACITY_PERCENT", "Value": 25}, "WaitIntervalInSeconds": 240},
  "TerminationWaitInSeconds": 120
}`, page);
  assert.equal(o.error, null, o.error);
  assert.match(o.done, /bare `BlueGreenUpdatePolicy`/);
  assert.equal(o.routing.Type, 'LINEAR');
  assert.equal(o.routing.LinearStepSize.Value, 25);
  assert.equal(o.document.Request.EndpointName, before.Request.EndpointName, 'the names are kept');
  assert.deepEqual(o.document.Endpoint.NewVariants, before.Endpoint.NewVariants, 'the fleet is kept');
  assert.deepEqual(log.pageErrors, []);
  await context.close();
});

test('a broken Go literal is refused with its line, and the design stays', async () => {
  const { page, context } = await openPage(browser, server.url);
  const before = await exportText(page, 'export-document');
  await importText(page, `input := &sagemaker.UpdateEndpointInput{
	EndpointName: aws.String("ads-ctr"),
	DeploymentConfig: &types.DeploymentConfig{
		BlueGreenUpdatePolicy: &types.BlueGreenUpdatePolicy{
`);
  const error = await page.$eval('[data-testid=import-error]', (e) => e.textContent);
  assert.match(error, /line \d+/);
  assert.equal(await exportText(page, 'export-document'), before);
  await context.close();
});
