// A keyboard-only session: from the top of the page to a copied export with Tab, Enter,
// Space, arrows and typing (page.keyboard only, never a click), checking at each step what a
// keyboard user would see change.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveDist, launch, openPage, fieldId, exportText } from './lib/harness.mjs';

let server;
let browser;
before(async () => {
  server = await serveDist();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

const ROUTING = 'DeploymentConfig.BlueGreenUpdatePolicy.TrafficRoutingConfiguration';

/** A short description of the focused element. */
function focused(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    return { id: el.id, testid: el.dataset.testid || '', tag: el.tagName.toLowerCase() };
  });
}

/**
 * Presses Tab until the focused element is the one `want` describes ({id} or {testid});
 * returns how many presses it took. Fails if the page's end is reached first.
 */
async function tabTo(page, want, max = 150) {
  for (let n = 1; n <= max; n++) {
    await page.keyboard.press('Tab');
    const f = await focused(page);
    if ((want.id && f.id === want.id) || (want.testid && f.testid === want.testid)) return n;
    if (f.tag === 'body') break;
  }
  assert.fail(`Tab never reached ${JSON.stringify(want)}`);
}

const cliJson = async (page) => JSON.parse(await exportText(page, 'export-cli-json'));
const words = (page) => page.textContent('[data-testid=timeline-playhead]');

test('a whole session by keyboard only', async () => {
  const { page, context, log } = await openPage(browser, server.url);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.origin });
  try {
    // New design is the second stop, right after the skip link.
    assert.equal(await tabTo(page, { testid: 'new-design' }), 2);
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => !document.querySelector('[data-testid=export-document]').textContent.includes('churn-ep'));
    assert.deepEqual(await cliJson(page), {}, 'New design starts from an empty request');

    // The names.
    await tabTo(page, { id: fieldId('EndpointName') });
    await page.keyboard.type('kb-endpoint');
    await tabTo(page, { id: fieldId('EndpointConfigName') });
    await page.keyboard.type('kb-config-v2');
    assert.deepEqual(await cliJson(page), { EndpointName: 'kb-endpoint', EndpointConfigName: 'kb-config-v2' });

    // Linear with the arrow keys: Tab enters the radio group on its checked choice.
    await tabTo(page, { id: 'strategy-no' });
    for (const id of ['strategy-all', 'strategy-canary', 'strategy-linear']) {
      await page.keyboard.press('ArrowRight');
      assert.equal((await focused(page)).id, id);
    }
    assert.equal(await page.isChecked('#strategy-linear'), true);
    const routing = (await cliJson(page)).DeploymentConfig.BlueGreenUpdatePolicy.TrafficRoutingConfiguration;
    assert.equal(routing.Type, 'LINEAR');

    // The step size: 25% instead of the default.
    await tabTo(page, { id: fieldId(`${ROUTING}.LinearStepSize.Value`) });
    await page.keyboard.press('Control+A');
    await page.keyboard.type('25');
    await page.keyboard.press('Tab');
    assert.deepEqual(
      (await cliJson(page)).DeploymentConfig.BlueGreenUpdatePolicy.TrafficRoutingConfiguration.LinearStepSize,
      { Type: 'CAPACITY_PERCENT', Value: 25 },
    );
    assert.equal(await page.locator('[data-testid=timeline-summary]').getAttribute('data-outcome'), 'succeeded');

    // Play with Enter, pause with Space: the playhead has moved on from the start.
    await tabTo(page, { testid: 'timeline-play' });
    const atStart = await words(page);
    assert.match(atStart, /^0:00, /);
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelector('[data-testid=timeline-play]').textContent.trim() === 'Pause');
    await page.waitForFunction((w) => document.querySelector('[data-testid=timeline-playhead]').textContent !== w, atStart);
    await page.keyboard.press('Space');
    await page.waitForFunction(() => document.querySelector('[data-testid=timeline-play]').textContent.trim() === 'Play');

    // Scrub with the arrow keys: each press moves the playhead, and the words follow.
    await tabTo(page, { testid: 'timeline-scrubber' });
    const before = await page.inputValue('[data-testid=timeline-scrubber]');
    const wordsBefore = await words(page);
    await page.keyboard.press('ArrowRight');
    assert.equal(Number(await page.inputValue('[data-testid=timeline-scrubber]')), Number(before) + 1);
    assert.notEqual(await words(page), wordsBefore);
    await page.keyboard.press('Home');
    assert.match(await words(page), /^0:00, /);
    await page.keyboard.press('End');
    const total = await page.locator('[data-testid=timeline-summary]').getAttribute('data-total-seconds');
    assert.equal(await page.inputValue('[data-testid=timeline-scrubber]'), total);
    assert.match(await words(page), /, done, .*: the new fleet serves everything$/);

    // Export tabs: arrows move the selection and the focus, as in any tab list.
    await tabTo(page, { id: 'tab-boto3' });
    await page.keyboard.press('ArrowRight');
    assert.equal((await focused(page)).id, 'tab-cli');
    await page.keyboard.press('ArrowRight');
    assert.equal((await focused(page)).id, 'tab-json');
    assert.equal(await page.getAttribute('#tab-json', 'aria-selected'), 'true');
    assert.equal(await page.isVisible('[data-testid=export-cli-json]'), true);
    assert.equal(await page.isVisible('[data-testid=export-boto3]'), false);
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    assert.equal((await focused(page)).id, 'tab-review-markdown', 'ArrowLeft wraps from the first tab to the last');
    await page.keyboard.press('ArrowRight');
    assert.equal((await focused(page)).id, 'tab-boto3', 'ArrowRight wraps from the last tab to the first');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    assert.equal((await focused(page)).id, 'tab-json');

    // Copy the CLI JSON with Enter: the clipboard holds exactly the export.
    assert.equal(await tabTo(page, { testid: 'copy-json' }), 1, 'the copy button follows the tab list');
    await page.keyboard.press('Enter');
    await page.getByText('Copied to the clipboard.').waitFor();
    const clip = await page.evaluate(() => navigator.clipboard.readText());
    assert.equal(clip, await exportText(page, 'export-cli-json'));
    assert.equal(JSON.parse(clip).DeploymentConfig.BlueGreenUpdatePolicy.TrafficRoutingConfiguration.LinearStepSize.Value, 25);

    assert.deepEqual(log.pageErrors, []);
  } finally {
    await context.close();
  }
});

test('a help toggle opens its explanation from the keyboard, and the instance types are offered', async () => {
  const { page, context, log } = await openPage(browser, server.url);
  // The explanations are drawn when first opened: none is in the page before.
  assert.equal(await page.$('.help__body'), null);
  const summary = page.locator('.card').filter({ hasText: 'Request' }).first().locator('summary.help__toggle').first();
  await summary.focus();
  await page.keyboard.press('Enter');
  const body = page.locator('.help__body').first();
  await body.waitFor({ state: 'visible' });
  assert.match(await body.textContent(), /Default:.*Limits:.*Pitfall:/s);
  assert.ok(await body.locator('a[href^="https://docs.aws.amazon.com/"]').count() > 0, 'it links the API reference');
  // Closing and opening again keeps it.
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await body.waitFor({ state: 'visible' });
  // The type-ahead list of instance types is filled after the first paint.
  await page.waitForFunction(() => document.querySelectorAll('#instance-types option').length > 100);
  assert.ok(await page.$('#instance-types option[value="ml.m5.xlarge"]'));
  assert.deepEqual(log.pageErrors, []);
  await context.close();
});
