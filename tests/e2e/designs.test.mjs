// A table of designs imported through the page. For each: the findings (path and severity)
// equal the ones written here by hand from VALIDATION.md; the exports carry the request
// exactly (the CLI JSON parses back to it; the boto3 snippet and the CLI command, run by the
// real boto3 and `aws` against a capture server on 127.0.0.1, send exactly it); the timeline
// and summary follow SIMULATION.md (its worked example, N = 10, P = 300, W = 600). Then
// hostile text in names and alarm names: shown as text, kept as data by every export.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { serveDist, launch, openPage, findings, importText } from './lib/harness.mjs';
import {
  settle, summary, allExports, csvRows, findingKeys, importError, variant, doc, pct, count,
  blueGreen, rolling, scratch, captureServer, runBoto3, argvFromBash, runAwsCli, runBash, FAKE_ARN,
} from './lib/e2e.mjs';

const BG = 'DeploymentConfig.BlueGreenUpdatePolicy';
const ROUTING = `${BG}.TrafficRoutingConfiguration`;
const ROLL = 'DeploymentConfig.RollingUpdatePolicy';
const ALARMS = 'DeploymentConfig.AutoRollbackConfiguration.Alarms';
const E = (p) => `error ${p}`;
const W = (p) => `warning ${p}`;

const canary = (size, wait = 600, policy = {}) => blueGreen({ Type: 'CANARY', WaitIntervalInSeconds: wait, CanarySize: size }, policy);
const linear = (size, wait = 600, policy = {}) => blueGreen({ Type: 'LINEAR', WaitIntervalInSeconds: wait, LinearStepSize: size }, policy);
const allAtOnce = (wait = 600, policy = {}) => blueGreen({ Type: 'ALL_AT_ONCE', WaitIntervalInSeconds: wait }, policy);
const withAlarms = (request, alarms) => ({
  ...request,
  DeploymentConfig: { ...request.DeploymentConfig, AutoRollbackConfiguration: { Alarms: alarms } },
});
const serverless = (memory = 2048, concurrency = 20) => ({ VariantName: 'AllTraffic', ServerlessConfig: { MemorySizeInMB: memory, MaxConcurrency: concurrency } });

// The timelines of SIMULATION.md's worked example (N = N_old = 10, P = 300, W = 600), row by
// row: [second, phase, old instances, new instances, new-fleet traffic %].
const T = (rows) => rows.map(([t, phase, old, nw, traffic]) => ({ t, phase, old, new: nw, traffic }));

/**
 * The designs. `findings`: the expected findings as "severity path", from VALIDATION.md.
 * `timeline`: the expected CSV rows; `summary`: expected outcome / total / peak.
 * `botocoreRefuses`: botocore's own checks (required members, types, minimums) stop the call
 * before it is sent, so the clients are expected to refuse it rather than send it.
 */
const DESIGNS = [
  // SIMULATION.md's worked example.
  {
    name: 'worked: ALL_AT_ONCE, T 300', doc: doc(allAtOnce(600, { TerminationWaitInSeconds: 300 })), findings: [],
    timeline: T([[0, 'provisioning', 10, 0, 0], [300, 'baking', 10, 10, 100], [900, 'termination-wait', 10, 10, 100], [1200, 'done', 0, 10, 100]]),
    summary: { outcome: 'succeeded', total: 1200, peak: 20 },
  },
  {
    name: 'worked: CANARY 20%, T 300', doc: doc(canary(pct(20), 600, { TerminationWaitInSeconds: 300 })), findings: [],
    timeline: T([[0, 'provisioning', 10, 0, 0], [300, 'baking', 10, 10, 20], [900, 'baking', 10, 10, 100], [1500, 'termination-wait', 10, 10, 100], [1800, 'done', 0, 10, 100]]),
    summary: { outcome: 'succeeded', total: 1800, peak: 20 },
  },
  {
    name: 'worked: LINEAR 20%, T 300', doc: doc(linear(pct(20), 600, { TerminationWaitInSeconds: 300 })), findings: [],
    timeline: T([[0, 'provisioning', 10, 0, 0], [300, 'baking', 10, 10, 20], [900, 'baking', 10, 10, 40], [1500, 'baking', 10, 10, 60],
      [2100, 'baking', 10, 10, 80], [2700, 'baking', 10, 10, 100], [3300, 'termination-wait', 10, 10, 100], [3600, 'done', 0, 10, 100]]),
    summary: { outcome: 'succeeded', total: 3600, peak: 20 },
  },
  {
    // Each batch: provision 2 (P), shift their share, bake W, terminate 2 old.
    name: 'worked: rolling, batch 20%', doc: doc(rolling({ MaximumBatchSize: pct(20), WaitIntervalInSeconds: 600 })), findings: [],
    timeline: T([[0, 'provisioning', 10, 0, 0], [300, 'baking', 10, 2, 20], [900, 'provisioning', 8, 2, 20], [1200, 'baking', 8, 4, 40],
      [1800, 'provisioning', 6, 4, 40], [2100, 'baking', 6, 6, 60], [2700, 'provisioning', 4, 6, 60], [3000, 'baking', 4, 8, 80],
      [3600, 'provisioning', 2, 8, 80], [3900, 'baking', 2, 10, 100], [4500, 'done', 0, 10, 100]]),
    summary: { outcome: 'succeeded', total: 4500, peak: 12 },
  },
  {
    name: 'worked: CANARY 20%, alarm at 700', doc: doc(canary(pct(20), 600, { TerminationWaitInSeconds: 300 }), { alarmAt: 700 }), findings: [],
    timeline: T([[0, 'provisioning', 10, 0, 0], [300, 'baking', 10, 10, 20], [700, 'rollback', 10, 10, 0], [700, 'done', 10, 0, 0]]),
    summary: { outcome: 'rolled-back-alarm', total: 700, peak: 20 },
  },
  {
    // The waits (5 bakes of 600 + 300) exceed M: S5 warns, and the simulation times out.
    name: 'worked: LINEAR 20%, M 3000', doc: doc(linear(pct(20), 600, { TerminationWaitInSeconds: 300, MaximumExecutionTimeoutInSeconds: 3000 })),
    findings: [W(`${BG}.MaximumExecutionTimeoutInSeconds`)],
    timeline: T([[0, 'provisioning', 10, 0, 0], [300, 'baking', 10, 10, 20], [900, 'baking', 10, 10, 40], [1500, 'baking', 10, 10, 60],
      [2100, 'baking', 10, 10, 80], [2700, 'baking', 10, 10, 100], [3000, 'rollback', 10, 10, 0], [3000, 'done', 10, 0, 0]]),
    summary: { outcome: 'rolled-back-timeout', total: 3000, peak: 20 },
  },
  { name: 'no DeploymentConfig: all at once, no bake', doc: doc({ EndpointName: 'ep', EndpointConfigName: 'cfg-v2' }), findings: [], summary: { outcome: 'succeeded', total: 300, peak: 20 } },

  // S2: a canary's share is at most 50% of N.
  { name: 'canary exactly 50%', doc: doc(canary(pct(50))), findings: [] },
  { name: 'canary 51%', doc: doc(canary(pct(51))), findings: [E(`${ROUTING}.CanarySize`)] },
  { name: 'canary 5 of 10 instances', doc: doc(canary(count(5))), findings: [] },
  { name: 'canary 6 of 10 instances', doc: doc(canary(count(6))), findings: [E(`${ROUTING}.CanarySize`)] },
  { name: 'CANARY without CanarySize', doc: doc(blueGreen({ Type: 'CANARY', WaitIntervalInSeconds: 600 })), findings: [E(`${ROUTING}.CanarySize`)] },
  // S3: a linear step is 10%..50% of N.
  { name: 'linear 10%', doc: doc(linear(pct(10))), findings: [], summary: { outcome: 'succeeded', total: 300 + 10 * 600, peak: 20 } },
  { name: 'linear 50%', doc: doc(linear(pct(50))), findings: [], summary: { outcome: 'succeeded', total: 300 + 2 * 600, peak: 20 } },
  { name: 'linear 9%', doc: doc(linear(pct(9))), findings: [E(`${ROUTING}.LinearStepSize`)] },
  { name: 'linear 51%', doc: doc(linear(pct(51))), findings: [E(`${ROUTING}.LinearStepSize`)] },
  // S4: a rolling batch is 5%..50% of N. 5% of 10 is one instance: 10 batches of P + W.
  { name: 'rolling 5%, wait 0', doc: doc(rolling({ MaximumBatchSize: pct(5), WaitIntervalInSeconds: 0 })), findings: [], summary: { outcome: 'succeeded', total: 3000, peak: 11 } },
  { name: 'rolling 4%', doc: doc(rolling({ MaximumBatchSize: pct(4), WaitIntervalInSeconds: 0 })), findings: [E(`${ROLL}.MaximumBatchSize`)] },
  { name: 'rolling 6 of 10 instances', doc: doc(rolling({ MaximumBatchSize: count(6), WaitIntervalInSeconds: 0 })), findings: [E(`${ROLL}.MaximumBatchSize`)] },
  // R4 / R6: waits 0..3600.
  { name: 'wait 0', doc: doc(canary(pct(20), 0)), findings: [], summary: { outcome: 'succeeded', total: 300, peak: 20 } },
  { name: 'wait 3600', doc: doc(canary(pct(20), 3600)), findings: [], summary: { outcome: 'succeeded', total: 300 + 2 * 3600, peak: 20 } },
  { name: 'wait 3601', doc: doc(canary(pct(20), 3601)), findings: [E(`${ROUTING}.WaitIntervalInSeconds`)] },
  { name: 'wait -1', doc: doc(canary(pct(20), -1)), findings: [E(`${ROUTING}.WaitIntervalInSeconds`)], botocoreRefuses: true },
  { name: 'rolling wait 3601', doc: doc(rolling({ MaximumBatchSize: pct(20), WaitIntervalInSeconds: 3601 })), findings: [E(`${ROLL}.WaitIntervalInSeconds`)] },
  { name: 'termination wait 3600', doc: doc(allAtOnce(0, { TerminationWaitInSeconds: 3600 })), findings: [], summary: { outcome: 'succeeded', total: 3900, peak: 20 } },
  { name: 'termination wait 3601', doc: doc(allAtOnce(0, { TerminationWaitInSeconds: 3601 })), findings: [E(`${BG}.TerminationWaitInSeconds`)] },
  { name: 'CANARY without WaitIntervalInSeconds', doc: doc(blueGreen({ Type: 'CANARY', CanarySize: pct(20) })), findings: [E(`${ROUTING}.WaitIntervalInSeconds`)], botocoreRefuses: true },
  // R3 / R6: timeouts 600..28800.
  { name: 'timeout 600', doc: doc(allAtOnce(0, { MaximumExecutionTimeoutInSeconds: 600 })), findings: [], summary: { outcome: 'succeeded', total: 300, peak: 20 } },
  { name: 'timeout 28800', doc: doc(canary(pct(20), 3600, { MaximumExecutionTimeoutInSeconds: 28800 })), findings: [] },
  { name: 'timeout 599', doc: doc(allAtOnce(0, { MaximumExecutionTimeoutInSeconds: 599 })), findings: [E(`${BG}.MaximumExecutionTimeoutInSeconds`)], botocoreRefuses: true },
  { name: 'timeout 28801', doc: doc(allAtOnce(0, { MaximumExecutionTimeoutInSeconds: 28801 })), findings: [E(`${BG}.MaximumExecutionTimeoutInSeconds`)] },
  { name: 'rolling timeout 28801', doc: doc(rolling({ MaximumBatchSize: pct(50), WaitIntervalInSeconds: 0, MaximumExecutionTimeoutInSeconds: 28801 })), findings: [E(`${ROLL}.MaximumExecutionTimeoutInSeconds`)] },
  // R5: sizes need a Type and a Value >= 1.
  { name: 'canary size without Type', doc: doc(canary({ Value: 20 })), findings: [E(`${ROUTING}.CanarySize.Type`)], botocoreRefuses: true },
  { name: 'canary size 0', doc: doc(canary(count(0))), findings: [E(`${ROUTING}.CanarySize.Value`)], botocoreRefuses: true },
  // Rolling rollback in batches; an alarm in the 4th bake (3000..3600), when 6 old instances
  // are gone. Without a rollback batch all 6 come back at once: done at 3300 + P.
  {
    name: 'rolling, alarm at 3300, no rollback batch', doc: doc(rolling({ MaximumBatchSize: pct(20), WaitIntervalInSeconds: 600 }), { alarmAt: 3300 }),
    findings: [], summary: { outcome: 'rolled-back-alarm', total: 3600, peak: 12 }, endsAt: { old: 10, new: 0, traffic: 0 },
  },
  {
    // Rounds of "provision 2 old (P), move, terminate 2 new": at least 3 rounds for 6 instances.
    name: 'rolling, alarm at 3300, rollback batch 2', doc: doc(rolling({ MaximumBatchSize: pct(20), WaitIntervalInSeconds: 600, RollbackMaximumBatchSize: count(2) }), { alarmAt: 3300 }),
    findings: [], summary: { outcome: 'rolled-back-alarm', peak: 12 }, totalAtLeast: 3300 + 3 * 300, endsAt: { old: 10, new: 0, traffic: 0 },
  },
  { name: 'rollback batch 150%', doc: doc(rolling({ MaximumBatchSize: pct(20), WaitIntervalInSeconds: 600, RollbackMaximumBatchSize: pct(150) })), findings: [W(`${ROLL}.RollbackMaximumBatchSize`)] },
  // S1, S10, S12, S13.
  {
    name: 'both update policies',
    doc: doc({ EndpointName: 'ep', EndpointConfigName: 'cfg-v2', DeploymentConfig: { BlueGreenUpdatePolicy: allAtOnce().DeploymentConfig.BlueGreenUpdatePolicy, RollingUpdatePolicy: { MaximumBatchSize: pct(20), WaitIntervalInSeconds: 600 } } }),
    findings: [E('DeploymentConfig')],
  },
  { name: 'CanarySize with ALL_AT_ONCE', doc: doc(blueGreen({ Type: 'ALL_AT_ONCE', WaitIntervalInSeconds: 600, CanarySize: pct(20) })), findings: [W(`${ROUTING}.CanarySize`)] },
  { name: 'LinearStepSize with CANARY', doc: doc(blueGreen({ Type: 'CANARY', WaitIntervalInSeconds: 600, CanarySize: pct(20), LinearStepSize: pct(20) })), findings: [W(`${ROUTING}.LinearStepSize`)] },
  { name: 'alarm without AlarmName', doc: doc(withAlarms(canary(pct(20)), [{ AlarmName: 'ep-5xx' }, {}])), findings: [W(`${ALARMS}[1].AlarmName`)] },
  { name: 'RetainDeploymentConfig with a DeploymentConfig', doc: doc({ ...canary(pct(20)), RetainDeploymentConfig: true }), findings: [W('RetainDeploymentConfig')] },
  { name: 'RetainDeploymentConfig alone', doc: doc({ EndpointName: 'ep', EndpointConfigName: 'cfg-v2', RetainDeploymentConfig: true }), findings: [] },
  // R7: 1..10 alarms, names 1..255 characters, not blank.
  { name: 'ten alarms', doc: doc(withAlarms(canary(pct(20)), Array.from({ length: 10 }, (_, i) => ({ AlarmName: `alarm-${i}` })))), findings: [] },
  { name: 'eleven alarms', doc: doc(withAlarms(canary(pct(20)), Array.from({ length: 11 }, (_, i) => ({ AlarmName: `alarm-${i}` })))), findings: [E(ALARMS)] },
  { name: 'blank alarm name', doc: doc(withAlarms(canary(pct(20)), [{ AlarmName: '   ' }])), findings: [E(`${ALARMS}[0].AlarmName`)] },
  { name: 'alarm name of 255', doc: doc(withAlarms(canary(pct(20)), [{ AlarmName: 'a'.repeat(255) }])), findings: [] },
  { name: 'alarm name of 256', doc: doc(withAlarms(canary(pct(20)), [{ AlarmName: 'a'.repeat(256) }])), findings: [E(`${ALARMS}[0].AlarmName`)] },
  // R1.
  { name: 'names of 63', doc: doc({ EndpointName: 'e'.repeat(63), EndpointConfigName: 'c-2'.repeat(21) }), findings: [] },
  { name: 'names of 64', doc: doc({ EndpointName: 'e'.repeat(64), EndpointConfigName: 'c'.repeat(64) }), findings: [E('EndpointName'), E('EndpointConfigName')] },
  { name: 'names with _ and leading -', doc: doc({ EndpointName: 'my_ep', EndpointConfigName: '-cfg' }), findings: [E('EndpointName'), E('EndpointConfigName')] },
  { name: 'names missing', doc: doc({ DeploymentConfig: canary(pct(20)).DeploymentConfig }), findings: [E('EndpointName'), E('EndpointConfigName')], botocoreRefuses: true },
  // Multi-variant and serverless (S7: no rolling for either).
  { name: 'multi-variant canary', doc: doc(canary(pct(20)), { before: [variant(6, { name: 'A', weight: 0.5 }), variant(4, { name: 'B', weight: 0.5 })] }), findings: [] },
  { name: 'multi-variant rolling', doc: doc(rolling({ MaximumBatchSize: pct(20), WaitIntervalInSeconds: 600 }), { before: [variant(6, { name: 'A' }), variant(4, { name: 'B' })] }), findings: [E(ROLL)] },
  { name: 'serverless all at once', doc: doc(allAtOnce(0), { before: [serverless()] }), findings: [] },
  { name: 'serverless rolling', doc: doc(rolling({ MaximumBatchSize: pct(20), WaitIntervalInSeconds: 600 }), { before: [serverless()] }), findings: [E(ROLL)] },
  {
    name: 'serverless out of range', doc: doc(allAtOnce(0), { before: [serverless()], after: [serverless(512, 201)] }),
    findings: [E('Endpoint.NewVariants[0].ServerlessConfig.MemorySizeInMB'), E('Endpoint.NewVariants[0].ServerlessConfig.MaxConcurrency')],
  },
  // S6: the new config keeps the variant names (reported at both names: the old one that
  // is missing and the new one that replaces it).
  {
    name: 'variant renamed', doc: doc(canary(pct(20)), { before: [variant(10)], after: [variant(10, { name: 'Renamed' })] }),
    findings: [E('Endpoint.CurrentVariants[0].VariantName'), E('Endpoint.NewVariants[0].VariantName')],
  },
  // Retained counts: N is the current count (4) unless DesiredInstanceCount is excluded (then 10).
  {
    name: 'retain counts', doc: doc({ ...allAtOnce(0), RetainAllVariantProperties: true, ExcludeRetainedVariantProperties: [{ VariantPropertyType: 'DesiredWeight' }] }, { before: [variant(4)], after: [variant(10)] }),
    findings: [], summary: { outcome: 'succeeded', total: 300, peak: 8 },
  },
  {
    name: 'retain counts, DesiredInstanceCount excluded', doc: doc({ ...allAtOnce(0), RetainAllVariantProperties: true, ExcludeRetainedVariantProperties: [{ VariantPropertyType: 'DesiredInstanceCount' }] }, { before: [variant(4)], after: [variant(10)] }),
    findings: [], summary: { outcome: 'succeeded', total: 300, peak: 14 },
  },
  { name: 'exclusions without RetainAllVariantProperties', doc: doc({ ...allAtOnce(0), ExcludeRetainedVariantProperties: [{ VariantPropertyType: 'DesiredWeight' }] }), findings: [W('ExcludeRetainedVariantProperties')] },
  { name: 'DataCaptureConfig excluded', doc: doc({ ...allAtOnce(0), RetainAllVariantProperties: true, ExcludeRetainedVariantProperties: [{ VariantPropertyType: 'DataCaptureConfig' }] }), findings: [W('ExcludeRetainedVariantProperties[0].VariantPropertyType')] },
  {
    name: 'four exclusions, one listed twice',
    doc: doc({ ...allAtOnce(0), RetainAllVariantProperties: true, ExcludeRetainedVariantProperties: ['DesiredInstanceCount', 'DesiredWeight', 'DesiredInstanceCount', 'DesiredWeight'].map((t) => ({ VariantPropertyType: t })) }),
    // R2 on the list; S11 on each repeated entry.
    findings: [E('ExcludeRetainedVariantProperties'), W('ExcludeRetainedVariantProperties[2].VariantPropertyType'), W('ExcludeRetainedVariantProperties[3].VariantPropertyType')],
  },
  // S8: inf1 and Marketplace fall back to all at once with no final bake: P + T.
  {
    name: 'inf1 canary', doc: doc(canary(pct(20), 600, { TerminationWaitInSeconds: 300 }), { before: [variant(10, { type: 'ml.inf1.xlarge' })] }),
    // Reported at each inf1 variant, current and new.
    findings: [W('Endpoint.CurrentVariants[0].InstanceType'), W('Endpoint.NewVariants[0].InstanceType')], summary: { outcome: 'succeeded', total: 600, peak: 20 },
  },
  {
    name: 'Marketplace canary', doc: doc(canary(pct(20), 600, { TerminationWaitInSeconds: 300 }), { marketplace: true }),
    findings: [W('Endpoint.UsesMarketplaceContainers')], summary: { outcome: 'succeeded', total: 600, peak: 20 },
  },
];

// Hostile text: each of these must stay text on the page and data in every export.
let markerDir;
const HOSTILE = () => [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  `it's "quoted" 'twice'`,
  '$(touch /tmp/x)',
  `$(touch ${markerDir}/pwned-dollar)`,
  `\`touch ${markerDir}/pwned-backtick\``,
  'back\\slash\\n',
  'new\nline',
  '\u202Eevil-rtl',
  'emoji 😀🚀',
];
function hostileDoc() {
  const request = {
    ...canary(pct(20)),
    EndpointName: '<img src=x onerror=alert(1)>',
    EndpointConfigName: `cfg"; $(touch ${markerDir}/pwned-name) \`id\` \\ \n\u202E😀`,
  };
  return doc(withAlarms(request, HOSTILE().map((n) => ({ AlarmName: n }))), { before: [variant(10, { name: '<b>AllTraffic</b>' })] });
}
// R1 refuses the names and R9 the variant names. R7's pattern `(?!\s*$).+`, matched against
// the whole name as R1's is, refuses the alarm name with a line break ('.' stops at it).
const HOSTILE_FINDINGS = [E(`${ALARMS}[7].AlarmName`), E('EndpointName'), E('EndpointConfigName'), E('Endpoint.CurrentVariants[0].VariantName'), E('Endpoint.NewVariants[0].VariantName')];

let server, browser, page, log, work, capture;
const dialogs = [];
const collected = {}; // design name -> { request, boto3, cli, botocoreRefuses }
const tmpXExisted = fs.existsSync('/tmp/x');

before(async () => {
  work = scratch('designs');
  markerDir = work.dir;
  server = await serveDist();
  browser = await launch();
  ({ page, log } = await openPage(browser, server.url));
  page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss().catch(() => {}); });
  capture = await captureServer(work.dir);
});

after(async () => {
  await capture?.close();
  await browser?.close();
  await server?.close();
  work?.remove();
});

/**
 * U1 (a warning AWS does not give): a canary, linear or rolling request with no rollback alarm
 * has nothing that can roll it back. Most rows of the table are such requests; rather than
 * repeat the same warning in each, it is expected here from the request's own shape.
 */
function unguarded(request) {
  const dc = request.DeploymentConfig;
  if (!dc) return [];
  const type = dc.BlueGreenUpdatePolicy?.TrafficRoutingConfiguration?.Type;
  const gradual = dc.BlueGreenUpdatePolicy ? type === 'CANARY' || type === 'LINEAR' : !!dc.RollingUpdatePolicy;
  const alarms = dc.AutoRollbackConfiguration?.Alarms;
  return gradual && !(alarms?.length > 0) ? [W('DeploymentConfig.AutoRollbackConfiguration')] : [];
}

/** Imports `d` through the page and checks what every design must satisfy. */
async function importAndCheck(name, d, expected) {
  await importText(page, JSON.stringify(d, null, 2));
  await settle(page);
  assert.equal(await importError(page), null, `${name}: the page refused the import`);
  assert.deepEqual(findingKeys(await findings(page)), [...expected, ...unguarded(d.Request)].sort(), `${name}: findings`);
  const ex = await allExports(page);
  assert.deepEqual(JSON.parse(ex['export-cli-json']), d.Request, `${name}: the CLI JSON is not the request`);
  assert.deepEqual(JSON.parse(ex['export-document']).Request, d.Request, `${name}: the design document's request`);
  collected[name] = { request: d.Request, boto3: ex['export-boto3'], cli: ex['export-cli-command'] };
  return ex;
}

for (const design of DESIGNS) {
  test(`design: ${design.name}`, async (t) => {
    const ex = await importAndCheck(design.name, design.doc, design.findings);
    collected[design.name].botocoreRefuses = !!design.botocoreRefuses;
    const rows = csvRows(ex['export-timeline-csv']);
    assert.equal(ex['export-timeline-csv'].split('\n')[0], 't_seconds,phase,old_instances,new_instances,new_traffic_percent');
    if (design.timeline) assert.deepEqual(rows, design.timeline, 'timeline CSV');
    const s = await summary(page);
    if (design.summary) {
      for (const [k, v] of Object.entries(design.summary)) assert.equal(s[k], v, `summary ${k}`);
      // The words say what the attributes say.
      assert.match(s.text, new RegExp(`\\(${s.total} s\\)`));
    }
    if (design.totalAtLeast) assert.ok(s.total >= design.totalAtLeast, `total ${s.total} < ${design.totalAtLeast}`);
    if (design.endsAt) {
      const last = rows.at(-1);
      assert.deepEqual({ old: last.old, new: last.new, traffic: last.traffic }, design.endsAt, 'last CSV row');
      assert.equal(last.t, s.total, 'the CSV ends at the summary total');
    }
  });
}

test('hostile text in names and alarm names is shown as text, never as markup', async () => {
  const baseline = await page.evaluate(() => ({ scripts: document.scripts.length, imgs: document.images.length }));
  const d = hostileDoc();
  await importAndCheck('hostile', d, HOSTILE_FINDINGS);
  collected.hostile.botocoreRefuses = false;
  const afterImport = await page.evaluate(() => ({
    scripts: document.scripts.length,
    imgs: document.images.length,
    handlers: document.querySelectorAll('[onerror], [onload], [onclick]').length,
    bold: [...document.querySelectorAll('b')].filter((b) => b.textContent === 'AllTraffic').length,
  }));
  assert.deepEqual(afterImport, { ...baseline, handlers: 0, bold: 0 }, 'no element came from the text');
  // The alarm inputs hold the text exactly; the findings quote the names as text.
  for (const [i, name] of HOSTILE().entries()) {
    const v = await page.inputValue(`#f-DeploymentConfig-AutoRollbackConfiguration-Alarms-${i}--AlarmName`);
    // A text input cannot hold a line break; the design (checked through the exports) keeps it.
    assert.equal(v, name.replace(/\n/g, ''), `alarm ${i}`);
  }
  const findingsText = await page.$eval('[data-testid=findings]', (e) => e.textContent);
  assert.ok(findingsText.includes('<img src=x onerror=alert(1)>'), 'the findings quote the name as text');
  // And in a fresh context, the shared link's read-only review renders it as text too.
  const link = await page.inputValue('[data-testid=share-link]');
  const review = await openPage(browser, link);
  const reviewDialogs = [];
  review.page.on('dialog', (dlg) => { reviewDialogs.push(dlg.message()); dlg.dismiss().catch(() => {}); });
  await settle(review.page);
  assert.ok(await review.page.$('[data-testid=review-edit-copy]'), 'the link opens the review');
  const r = await review.page.evaluate(() => ({
    imgs: document.images.length,
    handlers: document.querySelectorAll('[onerror], [onload], [onclick]').length,
    bold: [...document.querySelectorAll('b')].filter((b) => b.textContent === 'AllTraffic').length,
    json: document.querySelector('[data-testid=export-cli-json]').textContent,
  }));
  assert.deepEqual({ imgs: r.imgs, handlers: r.handlers, bold: r.bold }, { imgs: baseline.imgs, handlers: 0, bold: 0 });
  assert.deepEqual(JSON.parse(r.json), d.Request);
  assert.deepEqual(reviewDialogs, []);
  assert.deepEqual(review.log.pageErrors, []);
  await review.context.close();
  assert.deepEqual(dialogs, [], 'no dialog opened');
  assert.deepEqual(log.pageErrors, []);
});

test('the boto3 snippets and CLI commands send exactly each request (real boto3 and aws)', async () => {
  const names = Object.keys(collected);
  assert.equal(names.length, DESIGNS.length + 1, 'every design was exported (see the failures above)');
  const key = (n) => `d${names.indexOf(n)}`;

  const boto3 = await runBoto3(work.dir, names.map((n) => ({ name: key(n), snippet: collected[n].boto3 })));
  const argv = await argvFromBash(work.dir, Object.fromEntries(names.map((n) => [key(n), collected[n].cli])));
  const runs = names.map((n) => ({ name: `cli-${key(n)}`, argv: argv[key(n)], endpoint_url: capture.url(`cli-${key(n)}`) }));
  const cli = await runAwsCli(work.dir, runs);

  const failures = [];
  for (const n of names) {
    const c = collected[n];
    const b = boto3[key(n)];
    const sent = capture.body(`cli-${key(n)}`);
    const r = cli[`cli-${key(n)}`];
    if (c.botocoreRefuses) {
      // The snippet and command are still valid programs; botocore stops the call.
      if (!b.error || !/ParamValidationError|Parameter validation failed/.test(b.error)) failures.push(`${n}: boto3 did not refuse: ${b.error ?? b.body}`);
      if (sent !== null || r.rc === 0) failures.push(`${n}: aws sent ${sent} (rc ${r.rc})`);
      if (!/Parameter validation failed|arguments are required/.test(r.stderr)) failures.push(`${n}: aws said ${r.stderr}`);
      continue;
    }
    if (b.error) failures.push(`${n}: the boto3 snippet failed:\n${b.error}\n${c.boto3}`);
    else {
      try { assert.deepEqual(JSON.parse(b.body), c.request); } catch { failures.push(`${n}: boto3 sent ${b.body}`); }
      if (b.stdout !== `${FAKE_ARN}\n`) failures.push(`${n}: the snippet printed ${JSON.stringify(b.stdout)}`);
    }
    if (r.rc !== 0 || !r.stdout.includes(FAKE_ARN)) failures.push(`${n}: aws failed (rc ${r.rc}): ${r.stderr}\n${c.cli}`);
    else {
      try { assert.deepEqual(JSON.parse(sent), c.request); } catch { failures.push(`${n}: aws sent ${sent}`); }
    }
  }
  assert.deepEqual(failures, []);
});

test('the hostile CLI command, run by real bash and the real aws, sends the text as data and runs nothing', async () => {
  const c = collected.hostile;
  assert.ok(c, 'the hostile design was exported');
  const res = await runBash(work.dir, c.cli, capture.url('real-hostile'));
  assert.ok(res.ok, `bash + aws failed: ${res.stderr}`);
  assert.ok(res.stdout.includes(FAKE_ARN));
  assert.deepEqual(JSON.parse(capture.body('real-hostile')), c.request);
  const pwned = fs.readdirSync(work.dir).filter((f) => f.startsWith('pwned'));
  assert.deepEqual(pwned, [], 'no command substitution ran (here or in the runners)');
  if (!tmpXExisted) assert.equal(fs.existsSync('/tmp/x'), false, '/tmp/x was created');
});
