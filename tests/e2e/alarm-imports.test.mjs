// Alarm definitions imported with the endpoint (issue 18, item 2), in the built page: a
// CloudFormation template that holds the endpoint and its two CloudWatch alarms imports
// both alarms, linked to the endpoint's rollback alarms (one by `!Ref`, one by its name),
// so the alarm definitions panel lists them with when each can trip, and the exported design
// document carries them. A text of alarms alone then merges into that design by name.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveDist, launch, openPage, importText, exportText } from './lib/harness.mjs';
import { settle } from './lib/e2e.mjs';

let server, browser;
before(async () => {
  server = await serveDist({ prefix: '/tools/designer/' });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

const TEMPLATE = `AWSTemplateFormatVersion: "2010-09-09"
Description: ranker endpoint, canary guarded by two alarms

Resources:
  Endpoint:
    Type: AWS::SageMaker::Endpoint
    Properties:
      EndpointName: ranker-prod
      EndpointConfigName: ranker-v8
      DeploymentConfig:
        BlueGreenUpdatePolicy:
          TrafficRoutingConfiguration:
            Type: CANARY
            CanarySize: {Type: CAPACITY_PERCENT, Value: 10}
            WaitIntervalInSeconds: 600
        AutoRollbackConfiguration:
          Alarms:
            - AlarmName: !Ref ErrorsAlarm
            - AlarmName: ranker-p99-latency

  # two bad minutes out of three
  ErrorsAlarm:
    Type: AWS::CloudWatch::Alarm
    Properties:
      AlarmName: ranker-5xx
      Namespace: AWS/SageMaker
      MetricName: Invocation5XXErrors
      Dimensions:
        - {Name: EndpointName, Value: ranker-prod}
      Statistic: Sum
      Period: 60
      EvaluationPeriods: 3
      DatapointsToAlarm: 2
      Threshold: 1
      ComparisonOperator: GreaterThanOrEqualToThreshold

  LatencyAlarm:
    Type: AWS::CloudWatch::Alarm
    Properties:
      AlarmName: ranker-p99-latency
      Namespace: AWS/SageMaker
      MetricName: ModelLatency
      Dimensions:
        - {Name: EndpointName, Value: ranker-prod}
      ExtendedStatistic: p99
      Period: "120"
      EvaluationPeriods: 2
      Threshold: 250000
      ComparisonOperator: GreaterThanThreshold
`;

// The same 5xx alarm, faster, as a CLI command alone.
const FASTER = `aws cloudwatch put-metric-alarm --alarm-name ranker-5xx \\
  --namespace AWS/SageMaker --metric-name Invocation5XXErrors \\
  --dimensions Name=EndpointName,Value=ranker-prod \\
  --statistic Sum --period 60 --evaluation-periods 1 --threshold 1 \\
  --comparison-operator GreaterThanOrEqualToThreshold
`;

/** Each alarm definition the page lists: its name and when it can trip. */
async function definitions(page) {
  return page.$$eval('[data-testid=alarm-definition]', (els) => els.map((e) => ({
    name: e.getAttribute('data-alarm'),
    detect: e.getAttribute('data-detect-seconds'),
  })));
}

test('a CloudFormation template imports the endpoint and its two alarms, linked', async () => {
  const { page, context, log } = await openPage(browser, server.url);
  await importText(page, TEMPLATE);
  await settle(page);
  const done = await page.$eval('[data-testid=import-done]', (e) => e.textContent);
  assert.match(done, /AWS::SageMaker::Endpoint.*2 `?AWS::CloudWatch::Alarm`? resources/);

  // `!Ref ErrorsAlarm` became the alarm's name; both rollback alarms have a definition.
  const request = JSON.parse(await exportText(page, 'export-cli-json'));
  assert.deepEqual(request.DeploymentConfig.AutoRollbackConfiguration.Alarms.map((a) => a.AlarmName),
    ['ranker-5xx', 'ranker-p99-latency']);
  await page.waitForSelector('[data-testid=alarm-definition]');
  assert.deepEqual(await definitions(page), [
    { name: 'ranker-5xx', detect: '180' }, // 60 s × 2 data points + a minute to publish
    { name: 'ranker-p99-latency', detect: '300' }, // "120" read as 120 s, × 2, + 60
  ]);

  const document = JSON.parse(await exportText(page, 'export-document'));
  assert.equal(document.Alarms.length, 2);
  assert.deepEqual(document.Alarms[0], {
    AlarmName: 'ranker-5xx',
    Namespace: 'AWS/SageMaker',
    MetricName: 'Invocation5XXErrors',
    Dimensions: [{ Name: 'EndpointName', Value: 'ranker-prod' }],
    Statistic: 'Sum',
    Period: 60,
    EvaluationPeriods: 3,
    DatapointsToAlarm: 2,
    Threshold: 1,
    ComparisonOperator: 'GreaterThanOrEqualToThreshold',
  });
  assert.equal(document.Alarms[1].ExtendedStatistic, 'p99');
  assert.equal(document.Alarms[1].Period, 120);
  assert.equal(document.Placeholders, undefined, 'the template gives every value');

  // An alarm alone replaces the definition of the same name and keeps the endpoint.
  await importText(page, FASTER);
  await page.waitForFunction(() => /put-metric-alarm/.test(document.querySelector('[data-testid=import-done]')?.textContent ?? ''));
  await settle(page);
  const notes = await page.$$eval('[data-testid=import-note]', (els) => els.map((e) => e.textContent));
  assert.ok(notes.some((n) => /alarms only/.test(n)), notes.join('\n'));
  assert.deepEqual(await definitions(page), [
    { name: 'ranker-5xx', detect: '120' },
    { name: 'ranker-p99-latency', detect: '300' },
  ]);
  const after = JSON.parse(await exportText(page, 'export-document'));
  assert.equal(after.Request.EndpointConfigName, 'ranker-v8');
  assert.equal(after.Alarms[0].EvaluationPeriods, 1);
  assert.deepEqual(log.pageErrors, []);
  await context.close();
});
