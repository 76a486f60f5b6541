// A design that defines its two rollback alarms (design document Version 2's `Alarms`),
// imported as a user pastes it: every export tab creates both alarms beside the endpoint, in
// its own language, and the update's rollback alarms name them (a reference where the
// target has one); the IAM policy lets the caller create them and read them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveDist, launch, openPage, importText, exportText } from './lib/harness.mjs';

let server, browser;
before(async () => {
  server = await serveDist();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

const FIVE_XX = 'orders-5xx';
const LATENCY = 'orders-p99-latency';

const DESIGN = JSON.stringify({
  Version: 2,
  Request: {
    EndpointName: 'orders-ranker',
    EndpointConfigName: 'orders-ranker-cfg-12',
    DeploymentConfig: {
      BlueGreenUpdatePolicy: {
        TrafficRoutingConfiguration: { Type: 'CANARY', CanarySize: { Type: 'CAPACITY_PERCENT', Value: 10 }, WaitIntervalInSeconds: 600 },
        MaximumExecutionTimeoutInSeconds: 7200,
      },
      AutoRollbackConfiguration: { Alarms: [{ AlarmName: FIVE_XX }, { AlarmName: LATENCY }] },
    },
  },
  Endpoint: {
    CurrentEndpointConfigName: 'orders-ranker-cfg-11',
    CurrentVariants: [{ VariantName: 'AllTraffic', InstanceType: 'ml.m5.xlarge', InitialInstanceCount: 4, InitialVariantWeight: 1 }],
    NewVariants: [{ VariantName: 'AllTraffic', InstanceType: 'ml.m5.xlarge', InitialInstanceCount: 4, InitialVariantWeight: 1 }],
  },
  Alarms: [
    {
      AlarmName: FIVE_XX,
      Namespace: 'AWS/SageMaker',
      MetricName: 'Invocation5XXErrors',
      Dimensions: [
        { Name: 'EndpointName', Value: 'orders-ranker' },
        { Name: 'VariantName', Value: 'AllTraffic' },
        { Name: 'EndpointConfigName', Value: 'orders-ranker-cfg-12' },
      ],
      Statistic: 'Sum',
      Period: 60,
      EvaluationPeriods: 2,
      DatapointsToAlarm: 2,
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'notBreaching',
    },
    {
      AlarmName: LATENCY,
      Namespace: 'AWS/SageMaker',
      MetricName: 'ModelLatency',
      Dimensions: [{ Name: 'EndpointName', Value: 'orders-ranker' }, { Name: 'VariantName', Value: 'AllTraffic' }],
      ExtendedStatistic: 'p99',
      Period: 60,
      EvaluationPeriods: 3,
      DatapointsToAlarm: 2,
      Threshold: 250000,
      ComparisonOperator: 'GreaterThanThreshold',
      TreatMissingData: 'missing',
    },
  ],
  Simulation: { ProvisioningSeconds: 300, Failure: null },
});

/** How many times `re` (global) matches `text`. */
const count = (text, re) => (text.match(re) || []).length;

/** Where `needle` first is in `text`, or fails. */
function at(text, needle, id) {
  const i = text.indexOf(needle);
  assert.ok(i >= 0, `${id}: ${needle} is missing:\n${text}`);
  return i;
}

// Each tab: what creates an alarm in its language (once per alarm), and what starts the update
// (after the alarms), and how a rollback alarm refers to a created alarm.
const TABS = [
  ['export-boto3', /cloudwatch\.put_metric_alarm\(/g, 'sagemaker.update_endpoint(', null],
  ['export-cli-command', /aws cloudwatch put-metric-alarm/g, 'aws sagemaker update-endpoint', null],
  ['export-cloudformation-yaml', /Type: AWS::CloudWatch::Alarm/g, 'Type: AWS::SageMaker::Endpoint', /AlarmName: !Ref Alarm\w+/g],
  ['export-terraform', /resource "aws_cloudwatch_metric_alarm"/g, 'resource "aws_sagemaker_endpoint"', /alarm_name = aws_cloudwatch_metric_alarm\.\w+\.alarm_name/g],
  ['export-cdk-typescript', /new CfnAlarm\(/g, 'new CfnEndpoint(', /alarmName: alarm\w+\.ref/g],
];

async function tabText(page, testid) {
  const id = testid.replace(/^export-/, '');
  const tab = { 'export-cli-command': 'cli' }[testid] ?? id;
  await page.click(`#tab-${tab}`);
  await page.waitForFunction((testid) => {
    const e = document.querySelector(`[data-testid=${testid}]`);
    return e && e.getAttribute('aria-busy') !== 'true' && e.textContent.trim().length > 0;
  }, testid, { timeout: 60000 });
  return exportText(page, testid);
}

test('each export of a design that defines its alarms creates both, then updates the endpoint watching them', async () => {
  const { page, log } = await openPage(browser, server.url);
  await importText(page, DESIGN);
  assert.equal(await page.locator('[data-testid=import-error]').count(), 0, 'the design is accepted');
  for (const [testid, creates, update, reference] of TABS) {
    const text = await tabText(page, testid);
    assert.doesNotMatch(text, /could not be (loaded|written)/, `${testid}: written`);
    for (const name of [FIVE_XX, LATENCY]) assert.ok(text.includes(name), `${testid}: names ${name}:\n${text}`);
    assert.equal(count(text, creates), 2, `${testid}: creates both alarms:\n${text}`);
    assert.ok(text.search(creates) < at(text, update, testid), `${testid}: the alarms come before the endpoint's update`);
    if (reference) assert.equal(count(text, reference), 2, `${testid}: both rollback alarms refer to the alarms created:\n${text}`);
  }
  // The caller may create both alarms (the boto3 and CLI exports do) and read them.
  const policy = JSON.parse(await tabText(page, 'export-iam-policy'));
  const resources = (action) => policy.Statement.filter((s) => s.Action === action).flatMap((s) => [s.Resource].flat());
  for (const action of ['cloudwatch:PutMetricAlarm', 'cloudwatch:DescribeAlarms']) {
    assert.deepEqual(resources(action).map((arn) => arn.split(':alarm:')[1]), [FIVE_XX, LATENCY], action);
  }
  // The command and the snippet send each definition's members: the percentile, the threshold.
  const cli = await exportText(page, 'export-cli-command');
  assert.match(cli, /"ExtendedStatistic":"p99"/);
  assert.match(cli, /"Threshold":250000\.0/);
  const boto3 = await exportText(page, 'export-boto3');
  assert.match(boto3, /cloudwatch = boto3\.client\("cloudwatch"\)/);
  assert.match(boto3, /ExtendedStatistic="p99"/);
  assert.deepEqual(log.pageErrors, []);
});
