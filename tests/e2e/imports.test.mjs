// "Paste what you have", in the built page: every form the import box takes, read by the
// converters module, says which form it recognised, lists the values the text did not give
// (each with its path and the expression the text used) and puts their findings at the
// right paths. A refusal leaves the design as it was. The texts are written here in the
// styles people use (variables, comments, continuations, templates).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveDist, launch, openPage, findings, importText, exportText } from './lib/harness.mjs';
import { settle } from './lib/e2e.mjs';

const ROUTING = 'DeploymentConfig.BlueGreenUpdatePolicy.TrafficRoutingConfiguration';

let server, browser;
before(async () => {
  server = await serveDist({ prefix: '/tools/designer/' });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

/** What the import said, the placeholders listed and the request exported. */
async function outcome(page) {
  const done = await page.$eval('[data-testid=import-done]', (e) => e.textContent).catch(() => null);
  const error = await page.$eval('[data-testid=import-error]', (e) => e.textContent).catch(() => null);
  const placeholders = await page.$$eval('[data-testid=placeholder]', (els) => els.map((e) => ({
    path: e.getAttribute('data-path'), text: e.textContent,
  })));
  const request = JSON.parse(await exportText(page, 'export-cli-json'));
  const document = JSON.parse(await exportText(page, 'export-document'));
  return { done, error, placeholders, request, document };
}

/** Imports `text` in a fresh page and returns the outcome and the findings. */
async function importInFreshPage(text) {
  const { page, context, log } = await openPage(browser, server.url);
  await importText(page, text);
  await settle(page);
  const out = await outcome(page);
  out.findings = await findings(page);
  out.log = log;
  await context.close();
  return out;
}

/** Asserts every placeholder path carries an error finding. */
function assertPlaceholderFindings(out) {
  for (const p of out.placeholders) {
    assert.ok(out.findings.some((f) => f.path === p.path && f.severity === 'error'),
      `an error finding at ${p.path}; findings: ${out.findings.map((f) => f.path).join(', ')}`);
  }
}

const FORMS = [
  {
    name: 'a Python deploy function with a config dict built earlier and an env var',
    text: `import os
import boto3

sm = boto3.client("sagemaker", region_name=os.environ.get("AWS_REGION", "eu-west-1"))

def deploy(new_config: str):
    # canary first, then the rest
    deployment_config = {
        'BlueGreenUpdatePolicy': {
            'TrafficRoutingConfiguration': {
                'Type': 'CANARY',
                'CanarySize': {'Type': 'CAPACITY_PERCENT', 'Value': 10},
                'WaitIntervalInSeconds': 600,
            },
            'MaximumExecutionTimeoutInSeconds': 3600,
        },
    }
    deployment_config["AutoRollbackConfiguration"] = {"Alarms": [{"AlarmName": "ranker-5xx"}]}
    try:
        sm.update_endpoint(
            EndpointName=os.environ["ENDPOINT_NAME"],
            EndpointConfigName=new_config,
            DeploymentConfig=deployment_config,
        )
    except Exception:
        raise
`,
    form: /boto3|Python/,
    request: (r) => {
      assert.equal(r.DeploymentConfig.BlueGreenUpdatePolicy.TrafficRoutingConfiguration.CanarySize.Value, 10);
      assert.equal(r.DeploymentConfig.AutoRollbackConfiguration.Alarms[0].AlarmName, 'ranker-5xx');
    },
    placeholders: { EndpointName: 'os.environ["ENDPOINT_NAME"]', EndpointConfigName: 'new_config' },
  },
  {
    name: 'an AWS CLI command with continuations, shorthand and a shell variable',
    text: `# roll the new config out, 20% at a time
aws sagemaker update-endpoint \\
    --endpoint-name "$ENDPOINT" \\
    --endpoint-config-name churn-model-cfg-2026-11 \\
    --deployment-config '{"BlueGreenUpdatePolicy": {"TrafficRoutingConfiguration": {"Type": "LINEAR", "LinearStepSize": {"Type": "CAPACITY_PERCENT", "Value": 20}, "WaitIntervalInSeconds": 300}}}' \\
    --region eu-central-1
`,
    form: /CLI|update-endpoint/,
    request: (r) => {
      assert.equal(r.EndpointConfigName, 'churn-model-cfg-2026-11');
      assert.equal(r.DeploymentConfig.BlueGreenUpdatePolicy.TrafficRoutingConfiguration.LinearStepSize.Value, 20);
    },
    placeholders: { EndpointName: '$ENDPOINT' },
  },
  {
    name: 'a CloudFormation YAML template with !Ref and !Sub',
    text: `AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Stage:
    Type: String
    Default: staging
Resources:
  ScoringEndpoint:
    Type: AWS::SageMaker::Endpoint
    Properties:
      EndpointName: !Sub "scoring-\${Stage}"
      EndpointConfigName: !Ref ScoringConfigName
      DeploymentConfig:
        BlueGreenUpdatePolicy:
          TrafficRoutingConfiguration:
            Type: ALL_AT_ONCE
            WaitIntervalInSeconds: 120
          TerminationWaitInSeconds: 60
        AutoRollbackConfiguration:
          Alarms:
            - AlarmName: scoring-latency-p99
`,
    form: /CloudFormation/,
    request: (r) => {
      assert.equal(r.DeploymentConfig.BlueGreenUpdatePolicy.TerminationWaitInSeconds, 60);
      assert.equal(r.DeploymentConfig.AutoRollbackConfiguration.Alarms[0].AlarmName, 'scoring-latency-p99');
    },
    placeholders: { EndpointName: 'Stage', EndpointConfigName: 'ScoringConfigName' },
  },
  {
    name: 'a Terraform module with variables, repeated alarms blocks and a number in quotes',
    text: `variable "endpoint_name" {
  type = string
}

resource "aws_sagemaker_endpoint" "this" {
  name                 = var.endpoint_name
  endpoint_config_name = aws_sagemaker_endpoint_configuration.v2.name

  deployment_config {
    blue_green_update_policy {
      traffic_routing_configuration {
        type                     = "CANARY"
        wait_interval_in_seconds = "300" # Terraform converts this
        canary_size {
          type  = "INSTANCE_COUNT"
          value = 1
        }
      }
      maximum_execution_timeout_in_seconds = 7200
    }
    auto_rollback_configuration {
      alarms {
        alarm_name = "errors-5xx"
      }
      alarms {
        alarm_name = "latency-p90"
      }
    }
  }
}
`,
    form: /Terraform/,
    request: (r) => {
      const bg = r.DeploymentConfig.BlueGreenUpdatePolicy;
      assert.equal(bg.TrafficRoutingConfiguration.WaitIntervalInSeconds, 300);
      assert.deepEqual(r.DeploymentConfig.AutoRollbackConfiguration.Alarms.map((a) => a.AlarmName), ['errors-5xx', 'latency-p90']);
    },
    placeholders: { EndpointName: 'var.endpoint_name', EndpointConfigName: 'aws_sagemaker_endpoint_configuration.v2.name' },
  },
  {
    name: 'a CDK stack in TypeScript',
    text: `import * as cdk from 'aws-cdk-lib';
import * as sagemaker from 'aws-cdk-lib/aws-sagemaker';

export class InferenceStack extends cdk.Stack {
  constructor(scope: cdk.App, id: string, props: InferenceProps) {
    super(scope, id, props);
    new sagemaker.CfnEndpoint(this, 'Endpoint', {
      endpointName: props.endpointName,
      endpointConfigName: 'recs-cfg-v7',
      deploymentConfig: {
        rollingUpdatePolicy: {
          maximumBatchSize: { type: 'CAPACITY_PERCENT', value: 25 },
          waitIntervalInSeconds: 180,
        },
      },
    });
  }
}
`,
    form: /CDK/,
    request: (r) => {
      assert.equal(r.EndpointConfigName, 'recs-cfg-v7');
      assert.equal(r.DeploymentConfig.RollingUpdatePolicy.MaximumBatchSize.Value, 25);
    },
    placeholders: { EndpointName: 'props.endpointName' },
  },
  {
    name: 'a Step Functions state machine with JSONPath parameters',
    text: JSON.stringify({
      Comment: 'Promote the new model',
      StartAt: 'Update',
      States: {
        Update: {
          Type: 'Task',
          Resource: 'arn:aws:states:::sagemaker:updateEndpoint',
          Parameters: {
            'EndpointName.$': '$.endpoint',
            EndpointConfigName: 'fraud-cfg-12',
            DeploymentConfig: {
              BlueGreenUpdatePolicy: {
                TrafficRoutingConfiguration: { Type: 'ALL_AT_ONCE', WaitIntervalInSeconds: 60 },
              },
            },
          },
          End: true,
        },
      },
    }, null, 2),
    form: /Step Functions/,
    request: (r) => assert.equal(r.EndpointConfigName, 'fraud-cfg-12'),
    placeholders: { EndpointName: '$.endpoint' },
  },
  {
    name: 'a CloudFormation JSON template with Fn::Sub and a referenced endpoint config',
    text: JSON.stringify({
      AWSTemplateFormatVersion: '2010-09-09',
      Resources: {
        Config: {
          Type: 'AWS::SageMaker::EndpointConfig',
          Properties: { ProductionVariants: [{ VariantName: 'AllTraffic', ModelName: 'm-7', InstanceType: 'ml.m5.2xlarge', InitialInstanceCount: 3, InitialVariantWeight: 1 }] },
        },
        Endpoint: {
          Type: 'AWS::SageMaker::Endpoint',
          Properties: {
            EndpointName: { 'Fn::Sub': '${AWS::StackName}-ep' },
            EndpointConfigName: { 'Fn::GetAtt': ['Config', 'EndpointConfigName'] },
            DeploymentConfig: { RollingUpdatePolicy: { MaximumBatchSize: { Type: 'INSTANCE_COUNT', Value: 1 }, WaitIntervalInSeconds: 120 } },
          },
        },
      },
    }, null, 2),
    form: /CloudFormation/,
    request: (r) => assert.equal(r.DeploymentConfig.RollingUpdatePolicy.WaitIntervalInSeconds, 120),
    placeholders: { EndpointName: 'AWS::StackName' },
    document: (d) => assert.equal(d.Endpoint.NewVariants[0].InstanceType, 'ml.m5.2xlarge'),
  },
  {
    name: 'an awscc_sagemaker_endpoint with the retain flags',
    text: `resource "awscc_sagemaker_endpoint" "main" {
  endpoint_name                 = "search-\${var.env}"
  endpoint_config_name          = "search-cfg-3"
  retain_all_variant_properties = true
  deployment_config = {
    blue_green_update_policy = {
      traffic_routing_configuration = {
        type                     = "ALL_AT_ONCE"
        wait_interval_in_seconds = 30
      }
    }
  }
}
`,
    form: /awscc/,
    request: (r) => assert.equal(r.RetainAllVariantProperties, true),
    placeholders: { EndpointName: 'var.env' },
  },
  {
    name: 'HCL inside a Go provider-test template',
    text: `func testAccEndpointConfig_deploymentConfig(rName string) string {
	return fmt.Sprintf(\`
resource "aws_sagemaker_endpoint" "test" {
  endpoint_config_name = aws_sagemaker_endpoint_configuration.test.name
  name                 = %[1]q

  deployment_config {
    blue_green_update_policy {
      traffic_routing_configuration {
        type                     = "ALL_AT_ONCE"
        wait_interval_in_seconds = "60"
      }
    }
    auto_rollback_configuration {
      alarms {
        alarm_name = "%[1]s-alarm"
      }
    }
  }
}
\`, rName)
}
`,
    form: /Terraform/,
    request: (r) => assert.equal(r.DeploymentConfig.BlueGreenUpdatePolicy.TrafficRoutingConfiguration.WaitIntervalInSeconds, 60),
    placeholders: { EndpointName: '%[1]q' },
  },
  {
    name: 'a CDK app in Python with keyword-call properties',
    text: `from aws_cdk import Stack, aws_sagemaker as sagemaker

class ServingStack(Stack):
    def __init__(self, scope, construct_id, *, config_name: str, **kwargs):
        super().__init__(scope, construct_id, **kwargs)
        sagemaker.CfnEndpoint(
            self, "Endpoint",
            endpoint_config_name=config_name,
            deployment_config=sagemaker.CfnEndpoint.DeploymentConfigProperty(
                blue_green_update_policy=sagemaker.CfnEndpoint.BlueGreenUpdatePolicyProperty(
                    traffic_routing_configuration=sagemaker.CfnEndpoint.TrafficRoutingConfigProperty(
                        type="LINEAR",
                        linear_step_size=sagemaker.CfnEndpoint.CapacitySizeProperty(type="CAPACITY_PERCENT", value=25),
                        wait_interval_in_seconds=240,
                    ),
                ),
            ),
        )
`,
    form: /CDK/,
    request: (r) => assert.equal(r.DeploymentConfig.BlueGreenUpdatePolicy.TrafficRoutingConfiguration.LinearStepSize.Value, 25),
    placeholders: { EndpointConfigName: 'config_name' },
  },
  {
    name: 'a CDK for Terraform stack in TypeScript',
    text: `import { SagemakerEndpoint } from "@cdktf/provider-aws/lib/sagemaker-endpoint";

new SagemakerEndpoint(this, "endpoint", {
  name: \`\${props.prefix}-endpoint\`,
  endpointConfigName: "vision-cfg-2",
  deploymentConfig: {
    blueGreenUpdatePolicy: {
      trafficRoutingConfiguration: { type: "ALL_AT_ONCE", waitIntervalInSeconds: 0 },
      terminationWaitInSeconds: 120,
    },
  },
});
`,
    form: /CDK for Terraform|SagemakerEndpoint/,
    request: (r) => assert.equal(r.DeploymentConfig.BlueGreenUpdatePolicy.TerminationWaitInSeconds, 120),
    placeholders: { EndpointName: 'props.prefix' },
  },
  {
    name: 'a boto3 describe_endpoint_config response repr',
    text: `{'EndpointConfigName': 'vision-cfg-2', 'EndpointConfigArn': 'arn:aws:sagemaker:us-west-2:111122223333:endpoint-config/vision-cfg-2', 'ProductionVariants': [{'VariantName': 'AllTraffic', 'ModelName': 'vision-9', 'InitialInstanceCount': 4, 'InstanceType': 'ml.g4dn.xlarge', 'InitialVariantWeight': 1.0}], 'CreationTime': datetime.datetime(2026, 11, 30, 10, 2, 3, 120000, tzinfo=tzlocal()), 'ResponseMetadata': {'RequestId': 'abc', 'HTTPStatusCode': 200, 'RetryAttempts': 0}}`,
    form: /describe/,
    request: (r) => assert.equal(r.EndpointConfigName, 'vision-cfg-2'),
    placeholders: {},
    document: (d) => assert.equal(d.Endpoint.NewVariants[0].InstanceType, 'ml.g4dn.xlarge'),
  },
];

for (const f of FORMS) {
  test(`imports ${f.name}`, async () => {
    const out = await importInFreshPage(f.text);
    assert.equal(out.error, null, `refused: ${out.error}`);
    assert.match(out.done, f.form);
    f.request(out.request);
    if (f.document) f.document(out.document);
    for (const [path, expr] of Object.entries(f.placeholders)) {
      const p = out.placeholders.find((x) => x.path === path);
      assert.ok(p, `a placeholder at ${path}; listed: ${JSON.stringify(out.placeholders)}`);
      assert.ok(p.text.includes(expr), `${path} shows ${expr}: ${p.text}`);
      assert.equal(out.request[path], undefined, `the export leaves ${path} out`);
    }
    if (out.placeholders.length > 0) assert.match(out.done, new RegExp(`${out.placeholders.length} values? to fill in`));
    assertPlaceholderFindings(out);
    assert.deepEqual(out.log.pageErrors, []);
  });
}

test('a describe-endpoint output fills the current fleet and the deployment config', async () => {
  const { page, context } = await openPage(browser, server.url);
  await importText(page, JSON.stringify({
    EndpointName: 'ranker-prod',
    EndpointArn: 'arn:aws:sagemaker:us-east-1:111122223333:endpoint/ranker-prod',
    EndpointConfigName: 'ranker-cfg-41',
    ProductionVariants: [{
      VariantName: 'primary',
      CurrentWeight: 1.0,
      DesiredWeight: 1.0,
      CurrentInstanceCount: 6,
      DesiredInstanceCount: 6,
      InstancePools: [{ InstanceType: 'ml.g5.xlarge', CurrentInstanceCount: 6 }],
    }],
    EndpointStatus: 'InService',
    CreationTime: '2026-10-01T09:00:00.000000+00:00',
    LastModifiedTime: '2026-11-20T14:12:00.000000+00:00',
    LastDeploymentConfig: {
      BlueGreenUpdatePolicy: {
        TrafficRoutingConfiguration: { Type: 'CANARY', CanarySize: { Type: 'INSTANCE_COUNT', Value: 1 }, WaitIntervalInSeconds: 900 },
      },
    },
  }, null, 4));
  const out = await outcome(page);
  assert.equal(out.error, null, `refused: ${out.error}`);
  assert.match(out.done, /describe/);
  assert.equal(out.request.EndpointName, 'ranker-prod');
  assert.equal(out.request.DeploymentConfig.BlueGreenUpdatePolicy.TrafficRoutingConfiguration.WaitIntervalInSeconds, 900);
  const doc = JSON.parse(await exportText(page, 'export-document'));
  assert.equal(doc.Endpoint.CurrentEndpointConfigName, 'ranker-cfg-41');
  assert.equal(doc.Endpoint.CurrentVariants[0].InitialInstanceCount, 6);
  assert.equal(doc.Endpoint.CurrentVariants[0].InstanceType, 'ml.g5.xlarge');
  await context.close();
});

test('a describe-endpoint --output yaml session fills the current fleet and the deployment config', async () => {
  const { page, context } = await openPage(browser, server.url);
  await importText(page, [
    '$ aws sagemaker describe-endpoint --endpoint-name ranker-prod --output yaml',
    "CreationTime: '2026-10-01T09:00:00.000000+00:00'",
    'EndpointArn: arn:aws:sagemaker:us-east-1:111122223333:endpoint/ranker-prod',
    'EndpointConfigName: ranker-cfg-41',
    'EndpointName: ranker-prod',
    'EndpointStatus: InService',
    'LastDeploymentConfig:',
    '  BlueGreenUpdatePolicy:',
    '    TrafficRoutingConfiguration:',
    '      LinearStepSize:',
    '        Type: CAPACITY_PERCENT',
    '        Value: 25',
    '      Type: LINEAR',
    '      WaitIntervalInSeconds: 600',
    'ProductionVariants:',
    '- CurrentInstanceCount: 8',
    '  CurrentWeight: 1.0',
    '  InstancePools:',
    '  - CurrentInstanceCount: 8',
    '    InstanceType: ml.g5.2xlarge',
    '  VariantName: primary',
  ].join('\n'));
  const out = await outcome(page);
  assert.equal(out.error, null, `refused: ${out.error}`);
  assert.match(out.done, /describe-endpoint.*\(YAML\)/);
  const route = out.request.DeploymentConfig.BlueGreenUpdatePolicy.TrafficRoutingConfiguration;
  assert.deepEqual([route.Type, route.LinearStepSize.Value, route.WaitIntervalInSeconds], ['LINEAR', 25, 600]);
  const doc = JSON.parse(await exportText(page, 'export-document'));
  assert.equal(doc.Endpoint.CurrentEndpointConfigName, 'ranker-cfg-41');
  assert.deepEqual([doc.Endpoint.CurrentVariants[0].InstanceType, doc.Endpoint.CurrentVariants[0].InitialInstanceCount], ['ml.g5.2xlarge', 8]);
  await context.close();
});

test('a state machine in YAML: the updateEndpoint task is the request, its substitutions are placeholders', async () => {
  const { page, context } = await openPage(browser, server.url);
  await importText(page, [
    'StartAt: Deploy',
    'States:',
    '  Deploy:',
    '    Type: Task',
    '    Resource: arn:aws:states:::sagemaker:updateEndpoint',
    '    Parameters:',
    '      EndpointName: ${EndpointName}',
    '      EndpointConfigName.$: $.config',
    '      DeploymentConfig:',
    '        RollingUpdatePolicy:',
    '          MaximumBatchSize: {Type: CAPACITY_PERCENT, Value: 25}',
    '          WaitIntervalInSeconds: 300',
    '    End: true',
  ].join('\n'));
  const out = await outcome(page);
  assert.equal(out.error, null, `refused: ${out.error}`);
  assert.match(out.done, /Step Functions.*\(YAML\).*2 values to fill in/);
  assert.equal(out.request.DeploymentConfig.RollingUpdatePolicy.MaximumBatchSize.Value, 25);
  const held = await page.$$eval('[data-testid=placeholder]', (els) => els.map((e) => e.textContent));
  assert.ok(held.some((t) => t.includes('${EndpointName}')), held.join(' | '));
  assert.ok(held.some((t) => t.includes('$.config')), held.join(' | '));
  await context.close();
});

test('the developer guide\'s command without outer braces is refused where it is wrong, and repaired in one click', async () => {
  const { page, context } = await openPage(browser, server.url);
  const before = await exportText(page, 'export-document');
  await importText(page, `update-endpoint
--endpoint-name my-endpoint
--endpoint-config-name my-config-v2
--deployment-config '"BlueGreenUpdatePolicy": {"TrafficRoutingConfiguration": {"Type": "ALL_AT_ONCE", "WaitIntervalInSeconds": 0}}'
`);
  const error = await page.$eval('[data-testid=import-error]', (e) => e.textContent);
  assert.match(error, /--deployment-config/);
  assert.match(error, /line 4, column \d+/);
  assert.equal(await exportText(page, 'export-document'), before, 'the design is unchanged');
  await page.click('[data-testid=import-repair]');
  await page.waitForSelector('[data-testid=import-done]');
  const request = JSON.parse(await exportText(page, 'export-cli-json'));
  assert.equal(request.EndpointConfigName, 'my-config-v2');
  assert.equal(request.DeploymentConfig.BlueGreenUpdatePolicy.TrafficRoutingConfiguration.Type, 'ALL_AT_ONCE');
  await context.close();
});

test('typing a value where a placeholder was fills it: the list and its finding go', async () => {
  const { page, context } = await openPage(browser, server.url);
  await importText(page, 'sm.update_endpoint(EndpointName=ENDPOINT, EndpointConfigName="cfg-9")\n');
  assert.equal((await page.$$('[data-testid=placeholder]')).length, 1);
  await page.fill('#f-EndpointName', 'orders-prod');
  await page.press('#f-EndpointName', 'Tab');
  await settle(page);
  assert.equal((await page.$$('[data-testid=placeholder]')).length, 0);
  assert.ok(!(await findings(page)).some((f) => f.path === 'EndpointName'));
  assert.ok(!(await exportText(page, 'export-boto3')).includes('INCOMPLETE'));
  await context.close();
});

test('an unrecognised text is refused with what and where, and the design stays', async () => {
  const { page, context } = await openPage(browser, server.url);
  const before = await exportText(page, 'export-document');
  await importText(page, 'Resources:\n  Ep:\n    Type: AWS::SageMaker::Endpoint\n    Properties:\n      EndpointConfigName: [unclosed\n');
  const error = await page.$eval('[data-testid=import-error]', (e) => e.textContent);
  assert.match(error, /line \d+, column \d+/);
  assert.equal(await exportText(page, 'export-document'), before);
  await context.close();
});

test('when the converters cannot be loaded the page says so and documents still import', async () => {
  const context = await browser.newContext();
  await context.route(/converters-[0-9a-f]+(_bg\.wasm|\.js)$|converters(_bg\.wasm|\.js)$/, (route) => route.abort());
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(server.url);
  await page.waitForSelector('[data-testid=timeline-summary]');
  await importText(page, 'aws sagemaker update-endpoint --endpoint-name a --endpoint-config-name b');
  const error = await page.$eval('[data-testid=import-error]', (e) => e.textContent);
  assert.match(error, /second module of this page, which could not be loaded/);
  // The first view's own import and exports keep working.
  await importText(page, '{"EndpointName": "still-works", "EndpointConfigName": "cfg"}');
  assert.equal(JSON.parse(await exportText(page, 'export-cli-json')).EndpointName, 'still-works');
  await page.click('#tab-terraform');
  await page.waitForFunction(() => document.querySelector('[data-testid=export-terraform]').getAttribute('aria-busy') === 'false');
  assert.match(await exportText(page, 'export-terraform'), /could not be loaded/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a name assigned in two branches: the page says so and imports the other one on request', async () => {
  const { page, context } = await openPage(browser, server.url);
  await importText(page, `if stage == "prod":
    policy = {"RollingUpdatePolicy": {"MaximumBatchSize": {"Type": "INSTANCE_COUNT", "Value": 2}, "WaitIntervalInSeconds": 600}}
else:
    policy = {"BlueGreenUpdatePolicy": {"TrafficRoutingConfiguration": {"Type": "ALL_AT_ONCE", "WaitIntervalInSeconds": 0}}}
client.update_endpoint(EndpointName="ep", EndpointConfigName="cfg", DeploymentConfig=policy)
`);
  const select = await page.$('[data-testid=import-choice]');
  assert.ok(select, 'a choice is offered');
  assert.equal(await select.getAttribute('data-name'), 'policy');
  assert.ok(JSON.parse(await exportText(page, 'export-cli-json')).DeploymentConfig.RollingUpdatePolicy);
  await page.selectOption('[data-testid=import-choice]', '1');
  await page.waitForFunction(() => JSON.parse(document.querySelector('[data-testid=export-cli-json]').textContent).DeploymentConfig.BlueGreenUpdatePolicy);
  await context.close();
});

test('the SageMaker Python SDK call is named a different API and its config dict is imported', async () => {
  const { page, context } = await openPage(browser, server.url);
  await importText(page, `from sagemaker.predictor import Predictor
guardrails = {"BlueGreenUpdatePolicy": {"TrafficRoutingConfiguration": {"Type": "CANARY", "CanarySize": {"Type": "INSTANCE_COUNT", "Value": 1}, "WaitIntervalInSeconds": 300}}}
predictor = Predictor(endpoint_name="ep")
predictor.update_endpoint(initial_instance_count=2, instance_type="ml.m5.large", model_name="m2")
`);
  const text = await page.$eval('#import-status', (e) => e.textContent);
  assert.match(text, /different API/);
  assert.equal(JSON.parse(await exportText(page, 'export-cli-json')).DeploymentConfig.BlueGreenUpdatePolicy.TrafficRoutingConfiguration.Type, 'CANARY');
  await context.close();
});

test('a Terraform module\'s variable defaults: offered as a choice, and filled in when picked', async () => {
  const { page, context } = await openPage(browser, server.url);
  await importText(page, `variable "bake" {
  default = 900
}
variable "step" {
  default = 20
}
resource "aws_sagemaker_endpoint" "this" {
  name                 = "ranker"
  endpoint_config_name = "ranker-v3"
  deployment_config {
    blue_green_update_policy {
      traffic_routing_configuration {
        type                     = "LINEAR"
        wait_interval_in_seconds = var.bake
        linear_step_size {
          type  = "CAPACITY_PERCENT"
          value = var.step
        }
      }
    }
  }
}
`);
  // As the text says first: two values to fill in, and the defaults offered.
  let out = await outcome(page);
  assert.equal(out.placeholders.length, 2, JSON.stringify(out.placeholders));
  const select = page.locator('[data-testid=import-choice][data-name=defaults]');
  assert.match(await page.locator('.import__choice').filter({ has: select }).textContent(), /defaults for 2 values to fill in/);
  assert.match(await select.locator('option').nth(1).textContent(), /var\.bake = 900, var\.step = 20/);
  await select.selectOption('1');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=placeholder]').length === 0);
  out = await outcome(page);
  const route = out.request.DeploymentConfig.BlueGreenUpdatePolicy.TrafficRoutingConfiguration;
  assert.deepEqual([route.WaitIntervalInSeconds, route.LinearStepSize.Value], [900, 20]);
  assert.match(out.done, /Imported from a Terraform/);
  // The simulation runs on them: five steps of 20%, 15 minutes each.
  assert.equal(await page.getAttribute('[data-testid=timeline-summary]', 'data-outcome'), 'succeeded');
  assert.equal(await page.$('[data-testid=finding][data-severity=error]'), null, 'nothing left to fill in');
  await context.close();
});

test('a deploy script\'s environment defaults (Python and shell): offered, and filled in when picked', async () => {
  const { page, context } = await openPage(browser, server.url);
  // A CI step's Python: the endpoint and the bake come from the environment, with defaults.
  await importText(page, `import os
import boto3

ENDPOINT = os.environ.get("ENDPOINT_NAME", "ranker-prod")
sm = boto3.client("sagemaker")
sm.update_endpoint(
    EndpointName=ENDPOINT,
    EndpointConfigName="ranker-cfg-12",
    DeploymentConfig={"BlueGreenUpdatePolicy": {"TrafficRoutingConfiguration": {
        "Type": "ALL_AT_ONCE", "WaitIntervalInSeconds": int(os.getenv("BAKE", "300"))}}},
)
`);
  let out = await outcome(page);
  assert.deepEqual(out.placeholders.map((p) => p.path).sort(), ['DeploymentConfig.BlueGreenUpdatePolicy.TrafficRoutingConfiguration.WaitIntervalInSeconds', 'EndpointName']);
  let select = page.locator('[data-testid=import-choice][data-name=defaults]');
  assert.match(await select.locator('option').nth(1).textContent(), /ENDPOINT_NAME = "ranker-prod", BAKE = 300/);
  await select.selectOption('1');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=placeholder]').length === 0);
  out = await outcome(page);
  assert.equal(out.request.EndpointName, 'ranker-prod');
  assert.equal(out.request.DeploymentConfig.BlueGreenUpdatePolicy.TrafficRoutingConfiguration.WaitIntervalInSeconds, 300);

  // The same in a shell script: \${VAR:-default}, and a name made from a variable.
  await importText(page, `EP="\${EP:-ranker-prod}"
aws sagemaker update-endpoint --endpoint-name "$EP" --endpoint-config-name ranker-cfg-13 \\
  --deployment-config '{"AutoRollbackConfiguration": {"Alarms": [{"AlarmName": "'"$EP"'-5xx"}]}}'
`);
  out = await outcome(page);
  assert.equal(out.placeholders.length, 2, JSON.stringify(out.placeholders));
  select = page.locator('[data-testid=import-choice][data-name=defaults]');
  assert.match(await select.locator('option').nth(1).textContent(), /EP = "ranker-prod"/);
  await select.selectOption('1');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=placeholder]').length === 0);
  out = await outcome(page);
  assert.equal(out.request.EndpointName, 'ranker-prod');
  assert.deepEqual(out.request.DeploymentConfig.AutoRollbackConfiguration.Alarms, [{ AlarmName: 'ranker-prod-5xx' }]);
  assert.match(out.done, /Imported from an AWS CLI/);
  await context.close();
});
