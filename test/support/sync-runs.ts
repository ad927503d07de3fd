import type { TestApp } from './test-app.js';

/** A sync run as the API shows it. */
export type RunView = Record<string, any> & { id: string; status: string };

const FINISHED = (status: string) => status !== 'queued' && status !== 'running';

/** Polls a sync run until it has finished: through the retailer API with a retailer key, else the admin API. */
export async function waitForRun(t: TestApp, runId: string, retailerKey?: string): Promise<RunView> {
  const path = retailerKey ? `/v1/retailer/sync-runs/${runId}` : `/v1/admin/sync-runs/${runId}`;
  for (let tries = 0; tries < 300; tries++) {
    const run = (await t.request('GET', path, retailerKey ? { key: retailerKey } : {})).body as RunView;
    if (FINISHED(run.status)) return run;
    await new Promise((wake) => setTimeout(wake, 100));
  }
  throw new Error(`sync run ${runId} did not finish`);
}

/** Syncs a config now (expecting 202) and waits for the run to finish. */
export async function syncAndWait(
  t: TestApp,
  configId: string,
  options: { retailerKey?: string; mode?: 'full' | 'incremental' } = {},
): Promise<RunView> {
  const scope = options.retailerKey ? 'retailer' : 'admin';
  const accepted = await t.request(
    'POST',
    `/v1/${scope}/connector-configs/${configId}/sync${options.mode ? `?mode=${options.mode}` : ''}`,
    options.retailerKey ? { key: options.retailerKey } : {},
  );
  if (accepted.status !== 202)
    throw new Error(`sync of ${configId} answered ${accepted.status}: ${JSON.stringify(accepted.body)}`);
  return waitForRun(t, accepted.body.id, options.retailerKey);
}
