import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shippedExperiment } from '../config.ts';
import { evaluateExperiment } from '../evaluate.ts';
import { localInjector } from '../local/injector.ts';
import { parseExperiment } from '../model/experiment.ts';
import { startLocalEnv } from '../testing/local-env.ts';
import { runExperiment } from './run-experiment.ts';

let env: Awaited<ReturnType<typeof startLocalEnv>>;

beforeAll(async () => {
  env = await startLocalEnv('chaos-latency-rng');
});
afterAll(async () => {
  await env?.dispose();
});

const blockingNotPassed = (result: Parameters<typeof evaluateExperiment>[0]) =>
  evaluateExperiment(result).filter((c) => c.blocking && c.status !== 'pass').map((c) => `${c.id}: ${c.status}: ${c.message}`);

describe('shipped experiments on the local replica, good release', () => {
  it('database-latency: 200 ms per database round trip slows spins but fails none', async () => {
    const experiment = shippedExperiment('database-latency');
    const result = await runExperiment({ ctx: env.ctx, experiment, injector: localInjector(env.ctx) });
    expect(blockingNotPassed(result)).toEqual([]);
    if (result.status !== 'completed') throw new Error(result.status);
    const load = evaluateExperiment(result, { maxLoadErrorRate: experiment.method.load?.maxErrorRate }).find((c) => c.id.endsWith('background-load'));
    expect(load).toMatchObject({ blocking: true, status: 'pass', threshold: 'rate<=0.05' });
  });

  it('rng-outage: spins are refused with 502/503 and no money moves', async () => {
    const result = await runExperiment({ ctx: env.ctx, experiment: shippedExperiment('rng-outage'), injector: localInjector(env.ctx) });
    expect(blockingNotPassed(result)).toEqual([]);
    if (result.status !== 'completed') throw new Error(result.status);
    expect(result.during[0]).toMatchObject({ name: 'spins-refused-cleanly', outcome: 'measured', toleranceMet: true, detail: expect.stringMatching(/balance moved by 0/) });
    expect(await env.faults.active()).toEqual([]);
  });

  it('Ctrl-C during an injection removes the fault before returning, and the run is interrupted', async () => {
    const abort = new AbortController();
    const ctx = { ...env.ctx, signal: abort.signal };
    const experiment = parseExperiment({
      name: 'long-psp-partition',
      title: 'psp cut off for a minute',
      steadyState: { probes: [{ kind: 'ledger-invariants', name: 'ledger' }] },
      method: { durationMs: 60_000, faults: [{ kind: 'network-partition', link: 'api->psp', durationMs: 60_000 }] },
    });
    const running = runExperiment({ ctx, experiment, injector: localInjector(ctx) });
    await expect.poll(() => env.faults.active(), { timeout: 10_000, interval: 100 }).toHaveLength(1);
    abort.abort(new Error('SIGINT'));
    const result = await running;
    expect(result).toMatchObject({ status: 'interrupted', rollbacks: [{ ok: true }] });
    expect(await env.faults.active()).toEqual([]);
    expect(evaluateExperiment(result).find((c) => c.id.endsWith('.run'))).toMatchObject({ status: 'inconclusive', reason: 'interrupted' });
  });
});
