// Accessibility of the built page: no axe-core violations in each view a user reaches (light
// and dark), a visible keyboard focus on the controls, and text alternatives of the chart.
// axe is evaluated through the DevTools protocol (see lib/axe.mjs): the page keeps its CSP.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { serveDist, launch, openPage, fieldId } from './lib/harness.mjs';
import { axeViolations } from './lib/axe.mjs';

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

/** How each view is reached from a freshly opened page. */
const VIEWS = {
  async default() {},
  async empty(page) {
    await page.click('[data-testid=new-design]');
    await page.waitForFunction(() => !document.querySelector(`[data-testid=export-document]`).textContent.includes('churn-ep'));
  },
  async 'filled canary'(page) {
    await page.click('[data-testid=new-design]');
    await page.fill(`#${fieldId('EndpointName')}`, 'churn-ep');
    await page.fill(`#${fieldId('EndpointConfigName')}`, 'churn-cfg-v2');
    await page.press(`#${fieldId('EndpointConfigName')}`, 'Tab');
    await page.click('label[for=strategy-canary]');
    await page.fill(`#${fieldId(`${ROUTING}.CanarySize.Value`)}`, '10');
    await page.fill(`#${fieldId(`${ROUTING}.WaitIntervalInSeconds`)}`, '600');
    await page.press(`#${fieldId(`${ROUTING}.WaitIntervalInSeconds`)}`, 'Tab');
    await page.waitForFunction(() => document.querySelector('[data-testid=timeline-summary]').dataset.outcome === 'succeeded');
  },
  async 'invalid, all findings shown'(page) {
    // A blank design with a few mistakes typed in: most findings are held back in untouched
    // fields until "show all" puts each beside its field.
    await page.click('[data-testid=new-design]');
    await page.fill(`#${fieldId('EndpointName')}`, 'bad name with spaces');
    // Leave the field first: its finding appears on leaving and moves what is below it.
    await page.press(`#${fieldId('EndpointName')}`, 'Tab');
    await page.click('label[for=strategy-linear]');
    await page.fill(`#${fieldId(`${ROUTING}.LinearStepSize.Value`)}`, '0');
    await page.fill(`#${fieldId(`${ROUTING}.WaitIntervalInSeconds`)}`, '99999');
    await page.press(`#${fieldId(`${ROUTING}.WaitIntervalInSeconds`)}`, 'Tab');
    await page.click('[data-testid=show-all-findings]');
    await page.waitForSelector('.findings__held', { state: 'detached' });
    const errors = await page.$$('.field__findings .field-finding--error');
    assert.ok(errors.length >= 3, `errors are shown beside their fields (${errors.length})`);
  },
  async 'timeline playing'(page) {
    await page.selectOption('[data-testid=timeline-speed]', '60');
    await page.click('[data-testid=timeline-play]');
    await page.waitForFunction(() => document.querySelector('[data-testid=timeline-play]').textContent.trim() === 'Pause');
  },
};

for (const colorScheme of ['light', 'dark']) {
  describe(`axe-core finds no violation (${colorScheme})`, () => {
    for (const [name, reach] of Object.entries(VIEWS)) {
      test(`${name} view`, async () => {
        const { page, context, log } = await openPage(browser, server.url, { colorScheme });
        try {
          await reach(page);
          assert.deepEqual(await axeViolations(page), []);
          if (name === 'timeline playing') {
            assert.equal((await page.textContent('[data-testid=timeline-play]')).trim(), 'Pause', 'still playing while checked');
          }
          assert.deepEqual(log.pageErrors, []);
        } finally {
          await context.close();
        }
      });
    }

    test('review view of a share link', async () => {
      const author = await openPage(browser, server.url, { colorScheme });
      const link = await author.page.inputValue('[data-testid=share-link]');
      await author.context.close();
      const { page, context } = await openPage(browser, link, { colorScheme });
      try {
        await page.waitForSelector('[data-testid=review-edit-copy]');
        assert.deepEqual(await axeViolations(page), []);
      } finally {
        await context.close();
      }
    });
  });
}

/**
 * How the focused element shows its focus: its own outline or box-shadow, or, for inputs
 * drawn by their label (the strategy radios) or by a wrapper (the file button), theirs.
 */
async function focusRing(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    const ring = (e) => {
      const s = getComputedStyle(e);
      const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
      return outline || s.boxShadow !== 'none';
    };
    const drawnBy = [el];
    if (el.id) drawnBy.push(...document.querySelectorAll(`label[for="${CSS.escape(el.id)}"]`));
    if (el.closest('.file-button')) drawnBy.push(el.closest('.file-button'));
    return {
      what: `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${el.dataset.testid ? `[data-testid=${el.dataset.testid}]` : ''}`,
      focusVisible: el.matches(':focus-visible'),
      shown: drawnBy.some(ring),
    };
  });
}

test('keyboard focus is visible on every kind of control', async () => {
  const { page, context } = await openPage(browser, server.url);
  try {
    // Tab through the whole page, noting each kind of control reached.
    const kinds = new Map();
    for (let i = 0; i < 400; i++) {
      await page.keyboard.press('Tab');
      const f = await focusRing(page);
      if (f.what === 'body') break; // past the last control
      assert.ok(f.focusVisible, `${f.what} matches :focus-visible after Tab`);
      assert.ok(f.shown, `${f.what} shows an outline or a shadow when focused by keyboard`);
      const kind = f.what.replace(/[#[].*$/, '');
      kinds.set(kind, (kinds.get(kind) || 0) + 1);
    }
    for (const kind of ['a', 'button', 'select', 'input', 'summary', 'pre']) {
      assert.ok(kinds.get(kind) > 0, `Tab reaches a ${kind} (reached: ${[...kinds.keys()].join(', ')})`);
    }
    // The strategy radios, whose input is hidden and whose label shows the focus.
    await page.focus('#strategy-canary');
    await page.keyboard.press('ArrowRight');
    const radio = await focusRing(page);
    assert.equal(radio.what, 'input#strategy-linear');
    assert.ok(radio.shown, 'the focused strategy shows a ring');
  } finally {
    await context.close();
  }
});

test('the chart has a text alternative and the events are also a table', async () => {
  const { page, context } = await openPage(browser, server.url);
  try {
    const chart = await page.$eval('svg.chart__svg', (svg) => {
      const ids = (svg.getAttribute('aria-labelledby') || '').split(/\s+/).filter(Boolean);
      return {
        role: svg.getAttribute('role'),
        title: svg.querySelector('title')?.textContent.trim() || '',
        desc: svg.querySelector('desc')?.textContent.trim() || '',
        labelledBy: ids.map((id) => document.getElementById(id)?.textContent.trim() || ''),
      };
    });
    assert.equal(chart.role, 'img');
    assert.match(chart.title, /traffic/i);
    assert.match(chart.desc, /^Succeeds over .*At 0:00/, 'the description tells the outcome and the events');
    assert.deepEqual(chart.labelledBy, [chart.title, chart.desc], 'the svg is named by its title and desc');

    // The table is built when its disclosure is opened (it would otherwise be rebuilt on
    // every edit, unseen): open it as a reader does.
    await page.click('details.events > summary');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=timeline-table] tbody tr').length > 0);
    const table = await page.$eval('[data-testid=timeline-table]', (t) => ({
      caption: t.querySelector('caption')?.textContent.trim(),
      headers: [...t.querySelectorAll('thead th')].map((th) => th.getAttribute('scope')),
      rows: t.querySelectorAll('tbody tr').length,
    }));
    const csvRows = (await page.textContent('[data-testid=export-timeline-csv]')).trim().split('\n').length - 1;
    assert.ok(table.caption, 'the events table has a caption');
    assert.ok(table.headers.length >= 5 && table.headers.every((s) => s === 'col'), 'column headers are marked as such');
    assert.equal(table.rows, csvRows, 'one row per simulated event');
  } finally {
    await context.close();
  }
});

test('a click right after typing in a field lands on what was aimed at', async () => {
  // Findings of a field appear when the user leaves it. Leaving it by pressing the mouse on
  // something below must not move that thing away before the button is released, or the
  // click is lost (here: the strategy stays unchanged).
  const { page, context } = await openPage(browser, server.url);
  try {
    await page.click('[data-testid=new-design]');
    await page.fill(`#${fieldId('EndpointName')}`, 'bad name with spaces');
    const target = page.locator('label[for=strategy-linear]');
    await target.scrollIntoViewIfNeeded();
    const box = await target.boundingBox();
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.up();
    assert.equal(await page.isChecked('#strategy-linear'), true, 'Linear is chosen by the first click');
  } finally {
    await context.close();
  }
});
