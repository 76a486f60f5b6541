// The designs the benchmark and the profiler load, and how they open the page with one.
export const ROUTING = 'DeploymentConfig.BlueGreenUpdatePolicy.TrafficRoutingConfiguration';

/** The 20-variant, 10-alarm design of the latency and animation runs. */
export function bigDesign() {
  const variants = Array.from({ length: 20 }, (_, i) => ({
    VariantName: `variant-${String(i + 1).padStart(2, '0')}`,
    ModelName: `model-${i + 1}`,
    InstanceType: 'ml.m5.xlarge',
    InitialInstanceCount: 4 + (i % 5),
    InitialVariantWeight: 1.0,
  }));
  return {
    Version: 1,
    Request: {
      EndpointName: 'bench-ep',
      EndpointConfigName: 'bench-cfg-v2',
      DeploymentConfig: {
        BlueGreenUpdatePolicy: {
          TrafficRoutingConfiguration: { Type: 'LINEAR', WaitIntervalInSeconds: 600, LinearStepSize: { Type: 'CAPACITY_PERCENT', Value: 50 } },
          TerminationWaitInSeconds: 300,
          MaximumExecutionTimeoutInSeconds: 28800,
        },
        AutoRollbackConfiguration: { Alarms: Array.from({ length: 10 }, (_, i) => ({ AlarmName: `bench-alarm-${i + 1}` })) },
      },
    },
    Endpoint: {
      CurrentEndpointConfigName: 'bench-cfg-v1',
      CurrentVariants: variants,
      NewVariants: variants.map((v) => ({ ...v, InitialInstanceCount: v.InitialInstanceCount + 1 })),
    },
    Simulation: { ProvisioningSeconds: 300, AlarmTripAtSeconds: null },
  };
}

/** Opens the page with the big design imported; returns { page, context }. */
export async function openBig(browser, server) {
  // No service worker: its one-time install (the whole release fetched and stored) would run
  // beside the keystrokes and frames measured here, which a returning visitor never has.
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, serviceWorkers: 'block' });
  const page = await context.newPage();
  await page.goto(server.url);
  await page.waitForSelector('[data-testid=timeline-summary]');
  // Builds since the panels module draw the import on demand; older ones show it at once.
  if (!(await page.$('[data-testid=import-input]'))) {
    await page.click('.import-section__summary');
    await page.waitForSelector('[data-testid=import-input]');
  }
  await page.fill('[data-testid=import-input]', JSON.stringify(bigDesign()));
  await page.click('[data-testid=import-apply]');
  await page.waitForFunction(() => document.querySelector('[data-testid=export-document]').textContent.includes('variant-20'));
  return { page, context };
}
