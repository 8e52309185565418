import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shippedExperiment } from '../config.ts';
import { evaluateExperiment } from '../evaluate.ts';
import { localInjector } from '../local/injector.ts';
import { parseExperiment } from '../model/experiment.ts';
import { startLocalEnv } from '../testing/local-env.ts';
import { runExperiment } from './run-experiment.ts';

let env: Awaited<ReturnType<typeof startLocalEnv>>;

beforeAll(async () => {
  env = await startLocalEnv('chaos-kill-webhooks');
});
afterAll(async () => {
  await env?.dispose();
});

function blockingNotPassed(result: Parameters<typeof evaluateExperiment>[0]) {
  return evaluateExperiment(result).filter((c) => c.blocking && c.status !== 'pass').map((c) => `${c.id}: ${c.status}: ${c.message}`);
}

describe('shipped experiments on the local replica, good release', () => {
  it('api-instance-kill: the edge routes around a killed instance; it is restarted and nothing is paid twice', async () => {
    const result = await runExperiment({ ctx: env.ctx, experiment: shippedExperiment('api-instance-kill'), injector: localInjector(env.ctx) });
    expect(blockingNotPassed(result)).toEqual([]);
    expect(result).toMatchObject({ status: 'completed', deviated: false, faults: [{ description: expect.stringMatching(/^kill api-green-1/) }] });
    if (result.status !== 'completed') return;
    expect(result.load).toMatchObject({ outcome: 'ran' });
    expect(result.rollbacks).toEqual([{ description: expect.stringMatching(/kill api-green-1/), ok: true }]);
  });

  it('psp-webhooks-delayed-duplicated: every delayed deposit is credited exactly once', async () => {
    const result = await runExperiment({ ctx: env.ctx, experiment: shippedExperiment('psp-webhooks-delayed-duplicated'), injector: localInjector(env.ctx) });
    expect(blockingNotPassed(result)).toEqual([]);
    if (result.status !== 'completed') throw new Error(result.status);
    expect(result.during.map((p) => p.name)).toEqual(['deposits', 'deposits:settled']);
    expect(result.faults.map((f) => f.removedAtMs !== undefined)).toEqual([true, true]);
    expect(await env.faults.active()).toEqual([]);
  });

  it('a steady state broken before injection injects nothing and is inconclusive', async () => {
    const experiment = parseExperiment({
      name: 'impossible-steady-state',
      title: 'spins under 1 ms',
      steadyState: { probes: [{ kind: 'spin-p95', name: 'spin-p95', spins: 5, tolerance: { maxMs: 1 } }] },
      method: { durationMs: 1_000, faults: [{ kind: 'network-partition', link: 'api->postgres', durationMs: 1_000 }] },
    });
    const result = await runExperiment({ ctx: env.ctx, experiment, injector: localInjector(env.ctx) });
    expect(result.status).toBe('not-injected');
    expect('faults' in result).toBe(false);
    expect(await env.faults.active()).toEqual([]);
    expect(evaluateExperiment(result).map((c) => c.status)).toEqual(['inconclusive']);
  });

  it('a fault the replica refuses aborts the experiment (could not run), removes what was injected and checks the money', async () => {
    const experiment = parseExperiment({
      name: 'unknown-link',
      title: 'a link the replica does not have',
      steadyState: { probes: [{ kind: 'ledger-invariants', name: 'ledger' }] },
      method: {
        durationMs: 3_000,
        faults: [
          { kind: 'network-delay', link: 'api->rng', latencyMs: 50, durationMs: 3_000 },
          { kind: 'network-partition', link: 'edge->api-canary-9', afterMs: 300, durationMs: 1_000 },
        ],
      },
    });
    const result = await runExperiment({ ctx: env.ctx, experiment, injector: localInjector(env.ctx) });
    expect(result).toMatchObject({ status: 'aborted', phase: 'method', error: expect.stringMatching(/could not inject partition of edge->api-canary-9.*answered 4\d\d/), rollbacks: [{ ok: true }] });
    expect(await env.faults.active()).toEqual([]);
    const checks = evaluateExperiment(result);
    expect(checks.map((c) => [c.id, c.status])).toEqual([['chaos.unknown-link.run', 'error'], ['chaos.unknown-link.rollbacks', 'pass'], ['chaos.unknown-link.money', 'pass']]);
  });
});
