// Work is never lost without a word: every change can be undone and redone (buttons and
// Ctrl+Z / Ctrl+Shift+Z), an example or "New design" replaces the user's own design only
// after they say so, and switching strategy and back keeps the values they tuned.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveDist, launch, openPage } from './lib/harness.mjs';
import { settle, typeInto } from './lib/e2e.mjs';

const NAME = '#f-EndpointName';
const BAKE = '#f-DeploymentConfig-BlueGreenUpdatePolicy-TrafficRoutingConfiguration-WaitIntervalInSeconds';
const TERMINATION = '#f-DeploymentConfig-BlueGreenUpdatePolicy-TerminationWaitInSeconds';

let server, browser;

before(async () => {
  server = await serveDist();
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test('typing is one step of undo; the buttons and the keys go back and forth', async () => {
  const { page, context, log } = await openPage(browser, server.url);
  const first = await page.inputValue(NAME);
  assert.equal(await page.isDisabled('[data-testid=undo]'), true, 'nothing to undo at first');
  await page.fill(NAME, 'orders');
  await page.type(NAME, '-ranker');
  await settle(page);
  // A pause, then another change: a step of its own.
  await page.waitForTimeout(1100);
  await typeInto(page, 'EndpointName', 'orders-ranker-eu');
  await page.click('[data-testid=undo]');
  await settle(page);
  assert.equal(await page.inputValue(NAME), 'orders-ranker', 'the last change is undone');
  await page.click('body');
  await page.keyboard.press('Control+z');
  await settle(page);
  assert.equal(await page.inputValue(NAME), first, 'the typing before the pause was one step');
  assert.equal(await page.isDisabled('[data-testid=undo]'), true);
  await page.keyboard.press('Control+Shift+z');
  await settle(page);
  assert.equal(await page.inputValue(NAME), 'orders-ranker');
  await page.click('[data-testid=redo]');
  await settle(page);
  assert.equal(await page.inputValue(NAME), 'orders-ranker-eu');
  assert.equal(await page.isDisabled('[data-testid=redo]'), true, 'nothing left to redo');
  assert.deepEqual(log.pageErrors, []);
  await context.close();
});

test('switching strategy and back keeps the tuned bake and termination wait', async () => {
  const { page, context, log } = await openPage(browser, server.url);
  await page.check('#strategy-canary');
  await settle(page);
  await page.fill(BAKE, '1200');
  await page.fill(TERMINATION, '900');
  await settle(page);
  await page.check('#strategy-rolling');
  await settle(page);
  assert.equal(await page.locator(BAKE).count(), 0, 'the blue/green fields are gone');
  await page.check('#strategy-canary');
  await settle(page);
  assert.equal(await page.inputValue(BAKE), '1200');
  assert.equal(await page.inputValue(TERMINATION), '900');
  // And undo walks back through the switches.
  await page.click('[data-testid=undo]');
  await settle(page);
  assert.equal(await page.isChecked('#strategy-rolling'), true);
  assert.deepEqual(log.pageErrors, []);
  await context.close();
});

test("an example replaces the user's own design only after they say so, and undo brings it back", async () => {
  const { page, context, log } = await openPage(browser, server.url);
  await typeInto(page, 'EndpointName', 'my-own-endpoint');
  const asked = [];
  let answer = false;
  page.on('dialog', async (d) => {
    asked.push(d.message());
    await (answer ? d.accept() : d.dismiss());
  });
  await page.selectOption('[data-testid=example-picker]', 'linear');
  await settle(page);
  assert.equal(asked.length, 1, 'the page asked');
  assert.match(asked[0], /Replace your design with the example/);
  assert.equal(await page.inputValue(NAME), 'my-own-endpoint', 'cancelled: the design stays');
  assert.equal(await page.inputValue('[data-testid=example-picker]'), '', 'the picker is put back');
  answer = true;
  await page.click('[data-testid=new-design]');
  await settle(page);
  assert.equal(asked.length, 2);
  assert.notEqual(await page.inputValue(NAME), 'my-own-endpoint', 'replaced after OK');
  // A blank design is no one's own work: no question before an example replaces it.
  await page.selectOption('[data-testid=example-picker]', 'linear');
  await settle(page);
  assert.equal(asked.length, 2, 'no question over a blank design');
  await page.click('[data-testid=undo]');
  await settle(page);
  await page.click('[data-testid=undo]');
  await settle(page);
  assert.equal(await page.inputValue(NAME), 'my-own-endpoint', 'two undos bring the own design back');
  assert.deepEqual(log.pageErrors, []);
  await context.close();
});
