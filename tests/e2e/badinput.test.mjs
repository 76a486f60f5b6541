// The bad-input catalogue, in the browser: pastes the page must refuse (saying what and
// where, leaving the design as it was, still responding), values it must take but flag,
// broken share links, and storage that is garbled, blocked or full.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveDist, launch, openPage, findings, importText, exportText } from './lib/harness.mjs';
import { settle, typeInto, importError, doc, blueGreen } from './lib/e2e.mjs';

const ROUTING = 'DeploymentConfig.BlueGreenUpdatePolicy.TrafficRoutingConfiguration';
const WAIT = `${ROUTING}.WaitIntervalInSeconds`;
const DRAFT_KEY = 'sagemaker-deployment-designer.draft';
const UNREADABLE_KEY = 'sagemaker-deployment-designer.unreadable-draft';

let server, browser;

before(async () => {
  server = await serveDist();
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** A request whose wait interval is the raw JSON text `wait`. */
const withWait = (wait) =>
  `{"EndpointName": "ep", "EndpointConfigName": "cfg-v2",\n "DeploymentConfig": {"BlueGreenUpdatePolicy": {"TrafficRoutingConfiguration":\n  {"Type": "ALL_AT_ONCE", "WaitIntervalInSeconds": ${wait}}}}}`;
const nested = (depth) => `{"EndpointName": "ep", "DeploymentConfig": ${'{"a": '.repeat(depth)}1${'}'.repeat(depth)}}`;

/** Pastes the page must refuse: [name, text, what (regex), where (regex)]. */
const REFUSED = [
  ['malformed JSON: missing value', '{"EndpointName": "ep",\n  "EndpointConfigName": }', /expected .*found '?}/, /line 2, column 25/],
  // (A trailing comma alone is not refused: the text is then a valid Python dict of keyword arguments.)
  ['malformed JSON: two commas', '{"EndpointName": "ep",, "EndpointConfigName": "c"}', /expected/, /line 1, column 23/],
  ['malformed JSON: unterminated string', '{"EndpointName": "ep', /never closed/, /line 1, column 18/],
  ['malformed Python: missing value', 'client.update_endpoint(EndpointName="a", EndpointConfigName=)', /expected a value/, /line 1, column 61/],
  ['malformed Python: unclosed call', 'sm.update_endpoint(\n    EndpointName="ep",\n', /is a '\)' missing/, /line 3, column 1/],
  ['malformed Python: unterminated string', 'sm.update_endpoint(EndpointName="ep)', /never closed/, /line 1, column 33/],
  ['wrong type: number for a name', '{"EndpointName": 5, "EndpointConfigName": "c"}', /Invalid type for parameter EndpointName, value: 5/, /line 1, column 18/],
  ['wrong type: string for a boolean', '{"EndpointName": "a", "EndpointConfigName": "b", "RetainAllVariantProperties": "true"}', /Invalid type for parameter RetainAllVariantProperties/, /line 1, column \d+/],
  ['wrong type: string for an integer', withWait('"600"'), new RegExp(`Invalid type for parameter ${WAIT.replace(/\./g, '\\.')}`), /line 3, column \d+/],
  ['wrong type: Python string for a boolean', 'update_endpoint(EndpointName="a", EndpointConfigName="b", RetainAllVariantProperties="yes")', /Invalid type for parameter RetainAllVariantProperties/, /line 1, column \d+/],
  ['wrong type: list for an object', '{"EndpointName": "a", "EndpointConfigName": "b", "DeploymentConfig": []}', /Invalid type for parameter DeploymentConfig/, /line 1, column \d+/],
  ['unknown member', '{"EndpointName": "a", "EndpointConfigName": "b", "Foo": 1}', /Unknown parameter in input: "Foo", must be one of: EndpointName/, /line 1, column \d+/],
  ['unknown nested member', '{"EndpointName": "a", "DeploymentConfig": {"BlueGreenUpdatePolicy": {"TrafficRoutingConfiguration": {"Type": "CANARY", "CanarySize": {"Type": "CAPACITY_PERCENT", "Value": 5, "Percent": 5}}}}}',
    /Unknown parameter in DeploymentConfig\.BlueGreenUpdatePolicy\.TrafficRoutingConfiguration\.CanarySize: "Percent"/, /line 1, column \d+/],
  ['duplicate key', '{"EndpointName": "a",\n "EndpointName": "b"}', /duplicate member "EndpointName"/, /line 2, column 2/],
  ['duplicate keyword argument', 'update_endpoint(EndpointName="a", EndpointName="b")', /keyword argument EndpointName is repeated/, /line 1, column 35/],
  ['integer beyond 32 bits', withWait('2147483648'), /32-bit range/, new RegExp(`${WAIT.replace(/\./g, '\\.')}.*line 3`)],
  ['negative integer beyond 32 bits', withWait('-2147483649'), /32-bit range/, new RegExp(`${WAIT.replace(/\./g, '\\.')}.*line 3`)],
  ['integer beyond f64', withWait('9'.repeat(400)), /32-bit range/, /line 3, column \d+/],
  ['number beyond f64', withWait('1e400'), /Invalid type .*value: 1e400/, /line 3, column \d+/],
  ['fractional value', withWait('1.5'), /Invalid type .*value: 1\.5.*valid types: <class 'int'>/, new RegExp(`${WAIT.replace(/\./g, '\\.')}.*line 3`)],
  ['fraction written as .0', '{"EndpointName": "a", "DeploymentConfig": {"BlueGreenUpdatePolicy": {"TrafficRoutingConfiguration": {"Type": "CANARY", "CanarySize": {"Type": "CAPACITY_PERCENT", "Value": 20.0}}}}}', /Invalid type .*CanarySize\.Value/, /line 1, column \d+/],
  ['deep nesting: 1,000 lists', '['.repeat(1000) + ']'.repeat(1000), /nests deeper than/, /line 1, column \d+/],
  ['deep nesting: 1,000 objects', nested(1000), /nests deeper than/, /line 1, column \d+/],
  ['deep nesting: 1,000 Python dicts', `update_endpoint(DeploymentConfig=${'{"a": '.repeat(1000)}1${'}'.repeat(1000)})`, /nests deeper than/, /line 1, column \d+/],
  ['a 1 MB paste of junk', 'x'.repeat(1 << 20), /no `update_endpoint\(` call/, /line 1, column 1/],
  ['a 1 MB JSON string cut short', `{"EndpointName": "${'x'.repeat(1 << 20)}`, /never closed/, /line 1, column 18/],
  ['a JSON list', '[1, 2, 3]', /Expected a JSON object .*found a list/, /line 1, column 1/],
  // JSON, so the JSON reader's word stands (Python would take `null` for a name).
  ['JSON null', 'null', /Expected a JSON object .*found null/, /line 1, column 1/],
  ['a design from a newer version', JSON.stringify({ ...doc(blueGreen({ Type: 'ALL_AT_ONCE', WaitIntervalInSeconds: 0 })), Version: 9 }), /newer version/, /line 1, column \d+/],
  ['empty input', '', /Nothing to import/, /./],
  ['only blanks', '  \n\t  ', /Nothing to import/, /./],
];

test('refused pastes say what and where, leave the design unchanged, and the page still responds', async () => {
  const { page, context, log } = await openPage(browser, server.url);
  const failures = [];
  for (const [i, [name, text, what, where]] of REFUSED.entries()) {
    const design = await exportText(page, 'export-document');
    await importText(page, text);
    await settle(page);
    const err = await importError(page);
    if (err === null) { failures.push(`${name}: imported`); continue; }
    if (!what.test(err)) failures.push(`${name}: the message does not say what (${what}): ${err}`);
    if (!where.test(err)) failures.push(`${name}: the message does not say where (${where}): ${err}`);
    if (!/your design is unchanged/.test(err)) failures.push(`${name}: the message does not reassure: ${err}`);
    if (await exportText(page, 'export-document') !== design) failures.push(`${name}: the design changed`);
    // Still responding: typing a name updates the exports.
    await typeInto(page, 'EndpointName', `ep-${i}`);
    const sent = JSON.parse(await exportText(page, 'export-cli-json')).EndpointName;
    if (sent !== `ep-${i}`) failures.push(`${name}: typing no longer updates the exports (${sent})`);
  }
  assert.deepEqual(failures, []);
  assert.deepEqual(log.pageErrors, []);
  await context.close();
});

/** Values that are well-formed requests but break the rules: imported and flagged at their
 * path (the user fixes them in the form), as VALIDATION.md's rules R4, R5, R7 and R1 say. */
const FLAGGED = [
  ['negative wait', withWait('-1'), [`error ${WAIT}`]],
  ['negative canary size', '{"EndpointName": "ep", "EndpointConfigName": "c", "DeploymentConfig": {"BlueGreenUpdatePolicy": {"TrafficRoutingConfiguration": {"Type": "CANARY", "WaitIntervalInSeconds": 0, "CanarySize": {"Type": "INSTANCE_COUNT", "Value": -3}}}}}',
    // U1: a canary with no rollback alarm is also warned about.
    [`error ${ROUTING}.CanarySize.Value`, 'warning DeploymentConfig.AutoRollbackConfiguration']],
  ['10,000 alarms', JSON.stringify({ ...blueGreen({ Type: 'ALL_AT_ONCE', WaitIntervalInSeconds: 0 }), DeploymentConfig: { ...blueGreen({ Type: 'ALL_AT_ONCE', WaitIntervalInSeconds: 0 }).DeploymentConfig, AutoRollbackConfiguration: { Alarms: Array.from({ length: 10000 }, (_, i) => ({ AlarmName: `alarm-${i}` })) } } }),
    // U2: alarms with a 0-second bake have no time to act.
    ['error DeploymentConfig.AutoRollbackConfiguration.Alarms', `warning ${WAIT}`]],
  ['a 1 MB endpoint name', JSON.stringify({ EndpointName: 'x'.repeat(1 << 20), EndpointConfigName: 'c' }), ['error EndpointName']],
];

for (const [name, text, expected] of FLAGGED) {
  test(`well-formed but out of the rules: ${name} is imported and flagged at its path`, async () => {
    const { page, context, log } = await openPage(browser, server.url);
    await importText(page, text);
    await settle(page);
    assert.equal(await importError(page), null);
    assert.deepEqual((await findings(page)).map((f) => `${f.severity} ${f.path}`), expected);
    assert.deepEqual(JSON.parse(await exportText(page, 'export-cli-json')), JSON.parse(text), 'the exports keep what was pasted');
    await typeInto(page, 'EndpointConfigName', 'still-responds');
    assert.equal(JSON.parse(await exportText(page, 'export-cli-json')).EndpointConfigName, 'still-responds');
    assert.deepEqual(log.pageErrors, []);
    await context.close();
  });
}

test('broken share links: a notice says what is wrong, the draft is untouched', async () => {
  const { page, context, log } = await openPage(browser, server.url);
  await typeInto(page, 'EndpointName', 'my-own-draft');
  const draft = await page.evaluate((k) => localStorage.getItem(k), DRAFT_KEY);
  assert.ok(draft && JSON.parse(draft).Request.EndpointName === 'my-own-draft', 'the draft is saved');
  const design = await exportText(page, 'export-document');

  // A real link to another design, then damaged.
  await page.selectOption('[data-testid=example-picker]', 'linear');
  await settle(page);
  const fragment = new URL(await page.inputValue('[data-testid=share-link]')).hash.slice(1);
  // Picking the example replaced the draft; put the user's draft back as it was.
  await page.evaluate(([k, v]) => localStorage.setItem(k, v), [DRAFT_KEY, draft]);
  const mid = Math.floor(fragment.length / 2);
  const tampered = fragment.slice(0, mid) + (fragment[mid] === 'A' ? 'B' : 'A') + fragment.slice(mid + 1);
  const links = [
    ['truncated', fragment.slice(0, mid), /damaged/],
    ['tampered', tampered, /damaged/],
    ['foreign', 'hello', /does not contain a design/],
    ['from a future version', 'd9.eJyrVgpLzSlNLMnMzytWsqpWKs7IL0pVsjIyMDAwMNRRKkktLlGyUlJR8kvMTVVIyS9VSM0rSc0rUSjJzUtUL05NLSpKVUjOLFEoSa0oUahRqgUAJ7gWjQ', /newer version/],
  ];
  for (const [name, frag, says] of links) {
    await page.goto('about:blank');
    await page.goto(`${server.url}#${frag}`);
    await page.waitForSelector('[data-testid=timeline-summary]');
    await settle(page);
    const notice = await page.$('[data-testid=notice]');
    assert.ok(notice, `${name}: no notice`);
    const text = await notice.textContent();
    assert.match(text, says, name);
    assert.match(text, /Your own design is shown instead, unchanged/, name);
    assert.equal(await page.$('[data-testid=review-edit-copy]'), null, `${name}: not a review`);
    assert.equal(await exportText(page, 'export-document'), design, `${name}: the design shown is the draft`);
    assert.equal(await page.evaluate((k) => localStorage.getItem(k), DRAFT_KEY), draft, `${name}: the draft is untouched`);
  }
  // And the page works on.
  await typeInto(page, 'EndpointConfigName', 'after-the-bad-links');
  assert.equal(JSON.parse(await exportText(page, 'export-cli-json')).EndpointConfigName, 'after-the-bad-links');
  assert.deepEqual(log.pageErrors, []);
  await context.close();
});

test('an unreadable draft: a notice, the text kept under its own key, the page works', async () => {
  const { page, context, log } = await openPage(browser, server.url);
  const drafts = [
    ['garbled', '{"Version": 1, "Request": {"EndpointName": "half-writ'],
    ['not JSON', 'undefined'],
    ['old, without a Version', JSON.stringify({ Request: { EndpointName: 'ep' } })],
    ['odd: a JSON string', '"hello"'],
    ['odd: unknown members', JSON.stringify({ Version: 1, Request: {}, Colour: 'blue' })],
    ['odd: from a newer version', JSON.stringify({ Version: 3, Request: {} })],
  ];
  for (const [name, text] of drafts) {
    await page.evaluate(([k, v]) => localStorage.setItem(k, v), [DRAFT_KEY, text]);
    await page.reload();
    await page.waitForSelector('[data-testid=timeline-summary]');
    await settle(page);
    const notice = await page.$('[data-testid=notice]');
    assert.ok(notice, `${name}: no notice`);
    assert.match(await notice.textContent(), /could not be read/, name);
    assert.match(await notice.textContent(), new RegExp(UNREADABLE_KEY.replace(/\./g, '\\.')), name);
    assert.equal(await page.evaluate((k) => localStorage.getItem(k), UNREADABLE_KEY), text, `${name}: the text is kept`);
    await typeInto(page, 'EndpointName', 'works-again');
    assert.equal(JSON.parse(await exportText(page, 'export-cli-json')).EndpointName, 'works-again', name);
    assert.equal(JSON.parse(await page.evaluate((k) => localStorage.getItem(k), DRAFT_KEY)).Request.EndpointName, 'works-again', `${name}: a new draft is kept`);
  }
  assert.deepEqual(log.pageErrors, []);
  await context.close();
});

test('storage unavailable: a notice, and the design still edits', async () => {
  const { page, context, log } = await openPage(browser, server.url, {
    initScript: () => {
      Object.defineProperty(window, 'localStorage', { configurable: true, get() { throw new DOMException('The operation is insecure.', 'SecurityError'); } });
    },
  });
  await settle(page);
  assert.match(await page.textContent('[data-testid=notice]'), /storage is blocked/);
  await typeInto(page, 'EndpointName', 'no-storage');
  assert.equal(JSON.parse(await exportText(page, 'export-cli-json')).EndpointName, 'no-storage');
  await page.check('#strategy-linear');
  await settle(page);
  assert.equal(JSON.parse(await exportText(page, 'export-cli-json')).DeploymentConfig.BlueGreenUpdatePolicy.TrafficRoutingConfiguration.Type, 'LINEAR');
  assert.deepEqual(log.pageErrors, []);
  await context.close();
});

test('storage full: a notice once, and the design still edits', async () => {
  const { page, context, log } = await openPage(browser, server.url, {
    initScript: () => {
      Storage.prototype.setItem = function () { throw new DOMException('The quota has been exceeded.', 'QuotaExceededError'); };
    },
  });
  await settle(page);
  const notice = await page.textContent('[data-testid=notice]');
  assert.match(notice, /could not be saved/);
  assert.match(notice, /quota/i);
  await page.click('[data-testid=notice] button');
  await settle(page);
  for (const name of ['full-1', 'full-2', 'full-3']) {
    await typeInto(page, 'EndpointName', name);
    assert.equal(JSON.parse(await exportText(page, 'export-cli-json')).EndpointName, name);
  }
  assert.equal(await page.$('[data-testid=notice]'), null, 'the dismissed notice does not come back on every edit');
  assert.deepEqual(log.pageErrors, []);
  await context.close();
});
