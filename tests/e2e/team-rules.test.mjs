// A team's rules file in the page: pasted into "Your team's rules", refused with its line
// when it contradicts AWS's own limits (the rules in use stay), its findings shown apart from
// AWS's and cleared by a fix, kept with the draft, and carried by a share link to a reviewer.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveDist, launch, openPage, fieldId, importText } from './lib/harness.mjs';
import { settle, variant, pct, blueGreen } from './lib/e2e.mjs';

const ROUTING = 'DeploymentConfig.BlueGreenUpdatePolicy.TrafficRoutingConfiguration';

const DESIGN = JSON.stringify({
  Version: 2,
  Request: {
    EndpointConfigName: 'ranker-cfg-v8',
    ...blueGreen({ Type: 'CANARY', WaitIntervalInSeconds: 600, CanarySize: pct(20) }, {}, {
      deployment: { AutoRollbackConfiguration: { Alarms: [{ AlarmName: 'ranker-5xx' }] } },
    }),
    EndpointName: 'ranker-prod',
  },
  Endpoint: { CurrentVariants: [variant(10)], NewVariants: [variant(10)] },
  Simulation: { ProvisioningSeconds: 300, Failure: null },
});

// Written as a platform team writes it: comments, a quoted pattern, a message with quotes.
const RULES = `# Platform team: production endpoint rules (reviewed quarterly)
version: 1
rules:
  - name: prod-canary-max
    severity: error
    message: "Production canaries take at most 10% of the fleet (see the \\"deploy\\" runbook)."
    endpoints: "*-prod"
    canary: { at_most: 10% }
  - name: staging-only-rule
    severity: warning
    message: Staging bakes at least an hour.
    endpoints: "*-staging"
    bake: { at_least: 1h }
`;

let server, browser;

before(async () => {
  server = await serveDist();
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

async function ruleFindings(page) {
  return page.$$eval('[data-testid=rule-finding]', (els) => els.map((e) => ({
    rule: e.getAttribute('data-rule'), path: e.getAttribute('data-path'), severity: e.getAttribute('data-severity'), text: e.textContent,
  })));
}

test("a team's rules file is loaded, its findings cleared by a fix, kept, and carried by a link", async () => {
  const { page, context, log } = await openPage(browser, server.url);
  await importText(page, DESIGN);
  await page.click('.team-rules__section__summary');
  await page.waitForSelector('[data-testid=rules-input]');

  // A rule AWS's own limits contradict: refused with its line; nothing is loaded.
  await page.fill('[data-testid=rules-input]', RULES.replace('at_most: 10%', 'at_most: 60%'));
  await page.click('[data-testid=rules-apply]');
  const error = await page.waitForSelector('[data-testid=rules-error]');
  assert.match(await error.textContent(), /Line 8, column \d+: .*50%/s);
  assert.deepEqual(await ruleFindings(page), []);

  await page.fill('[data-testid=rules-input]', RULES);
  await page.click('[data-testid=rules-apply]');
  await page.waitForSelector('[data-testid=rule-finding]');
  assert.equal(await page.$('[data-testid=rules-error]'), null, 'the earlier refusal is gone');
  const found = await ruleFindings(page);
  assert.equal(found.length, 1, 'only the rule for *-prod applies');
  assert.equal(found[0].rule, 'prod-canary-max');
  assert.equal(found[0].severity, 'error');
  assert.equal(found[0].path, `${ROUTING}.CanarySize`);
  assert.match(found[0].text, /your team's rule `prod-canary-max`/);
  assert.match(found[0].text, /"deploy" runbook/);
  assert.match(found[0].text, /20%/, "the design's own numbers");
  // AWS's findings do not count the team's.
  assert.equal(await page.$$eval('[data-testid=finding]', (els) => els.filter((e) => /prod-canary-max/.test(e.textContent)).length), 0);

  // The fix clears it.
  await page.fill(`#${fieldId(`${ROUTING}.CanarySize.Value`)}`, '10');
  await settle(page);
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=rule-finding]').length === 0);
  assert.match(await page.textContent('.team-rules'), /meets every team rule/);

  // Break it again; a reload keeps the rules with the draft.
  await page.fill(`#${fieldId(`${ROUTING}.CanarySize.Value`)}`, '30');
  await settle(page);
  await page.reload();
  await page.waitForSelector('[data-testid=rule-finding]');
  assert.equal((await ruleFindings(page))[0].rule, 'prod-canary-max');

  // A reviewer who opens the share link sees the same team findings.
  const link = await page.inputValue('[data-testid=share-link]');
  const reviewer = await openPage(browser, link);
  await reviewer.page.waitForSelector('[data-testid=rule-finding]');
  const theirs = await ruleFindings(reviewer.page);
  assert.deepEqual(theirs.map((f) => [f.rule, f.path]), [['prod-canary-max', `${ROUTING}.CanarySize`]]);
  assert.match(theirs[0].text, /30%/);
  assert.deepEqual(reviewer.log.pageErrors, []);
  await reviewer.context.close();
  assert.deepEqual(log.pageErrors, []);
  await context.close();
});
