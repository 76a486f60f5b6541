// Helpers the end-to-end suites share beyond harness.mjs: acting on the page as a user does
// (type then leave the field, pick, read back), building design documents, and running the
// page's exports through the real boto3 and `aws` against a capture server on 127.0.0.1
// (the Python clients of tests/clients/, the same ones the export tests use).
import { spawn, execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { promisify } from 'node:util';
import { ROOT, fieldId } from './harness.mjs';

const execFileP = promisify(execFile);
export const CLIENTS = path.join(ROOT, 'tests', 'clients');
export const FAKE_ARN = 'arn:aws:sagemaker:us-east-1:123456789012:endpoint/ep';

// ---------------------------------------------------------------------------------------
// The page

/** Lets Leptos finish the work an event started (a frame, then a task). */
export async function settle(page) {
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))));
}

/** Types `text` into the field of `fieldPath` and leaves it (Tab), as a user does: the
 * field counts as touched from then on. */
export async function typeInto(page, fieldPath, text) {
  const sel = `#${fieldId(fieldPath)}`;
  await page.fill(sel, text);
  await page.press(sel, 'Tab');
  await settle(page);
}

/** Types into the field without leaving it (the field is not touched yet). */
export async function typeOnly(page, fieldPath, text) {
  await page.fill(`#${fieldId(fieldPath)}`, text);
  await settle(page);
}

/** The summary's attributes and visible text. */
export async function summary(page) {
  return page.$eval('[data-testid=timeline-summary]', (e) => ({
    outcome: e.getAttribute('data-outcome'),
    total: Number(e.getAttribute('data-total-seconds')),
    peak: Number(e.getAttribute('data-peak-instances')),
    text: e.textContent,
  }));
}

/** Every export's text, by test id. */
export async function allExports(page) {
  const ids = ['export-boto3', 'export-cli-command', 'export-cli-json', 'export-document', 'export-timeline-csv'];
  const out = {};
  for (const id of ids) out[id] = await page.$eval(`[data-testid=${id}]`, (e) => e.textContent);
  return out;
}

/** The CSV export as rows of { t, phase, old, new, traffic }. */
export function csvRows(csv) {
  const lines = csv.trim().split('\n');
  return lines.slice(1).map((l) => {
    const [t, phase, old, nw, traffic] = l.split(',');
    return { t: Number(t), phase, old: Number(old), new: Number(nw), traffic: Number(traffic) };
  });
}

/** Findings as sorted "severity path" strings (a multiset, order ignored). */
export function findingKeys(list) {
  return list.map((f) => `${f.severity} ${f.path}`).sort();
}

/** The import error's text, or null when none is shown. */
export async function importError(page) {
  const el = await page.$('[data-testid=import-error]');
  return el ? el.textContent() : null;
}

// ---------------------------------------------------------------------------------------
// Designs

/** One instance-based variant named `name`. */
export function variant(n, { name = 'AllTraffic', type = 'ml.m5.xlarge', weight = 1.0 } = {}) {
  return { VariantName: name, InstanceType: type, InitialInstanceCount: n, InitialVariantWeight: weight };
}

/** A design document: `request` on an endpoint of `before` -> `after` variants. */
export function doc(request, { before = [variant(10)], after = before, provisioning = 300, alarmAt = null, marketplace } = {}) {
  const endpoint = { CurrentEndpointConfigName: 'cfg-v1', CurrentVariants: before, NewVariants: after };
  if (marketplace !== undefined) endpoint.UsesMarketplaceContainers = marketplace;
  return { Version: 1, Request: request, Endpoint: endpoint, Simulation: { ProvisioningSeconds: provisioning, AlarmTripAtSeconds: alarmAt } };
}

export const pct = (v) => ({ Type: 'CAPACITY_PERCENT', Value: v });
export const count = (v) => ({ Type: 'INSTANCE_COUNT', Value: v });

/** A blue/green request with the given routing and policy members. */
export function blueGreen(routing, policy = {}, rest = {}) {
  return {
    EndpointName: 'ep', EndpointConfigName: 'cfg-v2',
    DeploymentConfig: { BlueGreenUpdatePolicy: { TrafficRoutingConfiguration: routing, ...policy }, ...rest.deployment },
    ...rest.request,
  };
}

/** A rolling request. */
export function rolling(policy, rest = {}) {
  return {
    EndpointName: 'ep', EndpointConfigName: 'cfg-v2',
    DeploymentConfig: { RollingUpdatePolicy: policy, ...rest.deployment },
    ...rest.request,
  };
}

// ---------------------------------------------------------------------------------------
// Real clients

/** A scratch directory, removed by `remove()`. */
export function scratch(prefix) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `sdd-${prefix}-`));
  return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** The environment the clients run in: fake credentials, no config, nothing leaves 127.0.0.1. */
export function awsEnv(dir, extra = {}) {
  const env = { ...process.env };
  for (const k of ['AWS_PROFILE', 'AWS_SESSION_TOKEN', 'AWS_ENDPOINT_URL', 'AWS_ENDPOINT_URL_SAGEMAKER', 'AWS_CA_BUNDLE']) delete env[k];
  return {
    ...env,
    AWS_ACCESS_KEY_ID: 'AKIAFAKEFAKEFAKEFAKE',
    AWS_SECRET_ACCESS_KEY: 'fake-secret',
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_CONFIG_FILE: path.join(dir, 'no-config'),
    AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'no-credentials'),
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_MAX_ATTEMPTS: '1',
    AWS_PAGER: '',
    ...extra,
  };
}

/** Starts tests/clients/capture_server.py: every POST body lands in `<dir>/<case>.body`. */
export async function captureServer(dir) {
  const child = spawn('python3', [path.join(CLIENTS, 'capture_server.py'), dir], { stdio: ['pipe', 'pipe', 'inherit'] });
  const rl = readline.createInterface({ input: child.stdout });
  const line = await new Promise((resolve, reject) => {
    rl.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`capture server exited (${code})`)));
  });
  rl.close();
  const port = Number(line.trim());
  if (!Number.isInteger(port)) throw new Error(`capture server said ${line}`);
  return {
    port,
    url: (run) => `http://127.0.0.1:${port}/${run}`,
    body: (run) => {
      const f = path.join(dir, `${run}.body`);
      return fs.existsSync(f) ? fs.readFileSync(f, 'utf8') : null;
    },
    close: () => new Promise((r) => { child.once('exit', r); child.stdin.end(); }),
  };
}

/** Runs boto3 snippets through tests/clients/boto3_runner.py (real boto3 builds and
 * serialises each request; its HTTP send is intercepted). Returns {name: {body, stdout, error}}. */
export async function runBoto3(dir, cases) {
  const casesFile = path.join(dir, 'boto3-cases.json');
  const resultsFile = path.join(dir, 'boto3-results.json');
  fs.writeFileSync(casesFile, JSON.stringify(cases));
  await execFileP('python3', [path.join(CLIENTS, 'boto3_runner.py'), casesFile, resultsFile], { cwd: dir, env: awsEnv(dir), maxBuffer: 1 << 26 });
  return JSON.parse(fs.readFileSync(resultsFile, 'utf8'));
}

/** The words bash passes to `aws` for each command line: bash runs every command with `aws`
 * defined as a function that writes its arguments, NUL separated, to a file. */
export async function argvFromBash(dir, commands) {
  let script = "aws() { printf '%s\\0' \"$@\" > \"$AWS_ARGV_OUT\"; }\n";
  for (const [run, command] of Object.entries(commands)) script += `AWS_ARGV_OUT=argv-${run}\n${command}\n`;
  const file = path.join(dir, 'commands.sh');
  fs.writeFileSync(file, script);
  await execFileP('bash', [file], { cwd: dir });
  const out = {};
  for (const run of Object.keys(commands)) {
    const raw = fs.readFileSync(path.join(dir, `argv-${run}`), 'utf8');
    out[run] = raw.split('\0').slice(0, -1);
  }
  return out;
}

/** Runs `aws` argument lists in one process through tests/clients/awscli_runner.py, each
 * against its own capture-server URL. Returns {name: {rc, stdout, stderr}}. */
export async function runAwsCli(dir, runs) {
  const runsFile = path.join(dir, 'aws-runs.json');
  const resultsFile = path.join(dir, 'aws-results.json');
  fs.writeFileSync(runsFile, JSON.stringify(runs));
  await execFileP('python3', [path.join(CLIENTS, 'awscli_runner.py'), runsFile, resultsFile], { cwd: dir, env: awsEnv(dir), maxBuffer: 1 << 26 });
  return JSON.parse(fs.readFileSync(resultsFile, 'utf8'));
}

/** Runs one command line with real bash and the real `aws` program. */
export async function runBash(dir, command, endpointUrl) {
  const file = path.join(dir, `real-${Math.random().toString(36).slice(2)}.sh`);
  fs.writeFileSync(file, command);
  try {
    const { stdout, stderr } = await execFileP('bash', [file], { cwd: dir, env: awsEnv(dir, { AWS_ENDPOINT_URL_SAGEMAKER: endpointUrl }) });
    return { ok: true, stdout, stderr };
  } catch (e) {
    return { ok: false, stdout: e.stdout, stderr: e.stderr };
  } finally {
    fs.rmSync(file);
  }
}
