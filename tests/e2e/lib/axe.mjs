// axe-core in a page of the browser tests. The page's CSP allows only pinned inline scripts,
// so axe is not added as a <script> (page.addScriptTag would be blocked): it is evaluated
// through the DevTools protocol, which the page's CSP does not govern, and the page keeps
// its real policy while it is checked.
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './harness.mjs';

const AXE_SOURCE = fs.readFileSync(path.join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

/**
 * Runs axe-core (its default rules: WCAG 2.x A and AA and best practices) on the whole
 * page and returns the violations, each as "rule (impact): help -> selector: summary".
 */
export async function axeViolations(page) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.map((n) => `${n.target.join(' ')}: ${(n.failureSummary || '').replace(/\s+/g, ' ').trim()}`),
    }));
  });
  return violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.slice(0, 5).join('\n    ')}`);
}
