import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shippedExperiment } from '../config.ts';
import { evaluateExperiment } from '../evaluate.ts';
import { localInjector } from '../local/injector.ts';
import { startLocalEnv } from '../testing/local-env.ts';
import { runExperiment } from './run-experiment.ts';

let env: Awaited<ReturnType<typeof startLocalEnv>>;

beforeAll(async () => {
  // The candidate credits a duplicated payment.succeeded webhook a second time.
  env = await startLocalEnv('chaos-bad-release', { defects: { green: ['double-credit-webhook'] } });
});
afterAll(async () => {
  await env?.dispose();
});

describe('a known-bad release', () => {
  it('psp-webhooks-delayed-duplicated never passes when duplicated webhooks credit twice', async () => {
    const result = await runExperiment({ ctx: env.ctx, experiment: shippedExperiment('psp-webhooks-delayed-duplicated'), injector: localInjector(env.ctx) });
    const checks = evaluateExperiment(result);
    const byId = Object.fromEntries(checks.map((c) => [c.id, c]));
    // The psp duplicates 10 % of all webhooks, so the defect may already have struck while the probe players signed
    // up: then the steady state is broken before injection (inconclusive); otherwise the experiment itself fails.
    if (result.status === 'not-injected') {
      expect(byId['chaos.psp-webhooks-delayed-duplicated.steady-state-before']).toMatchObject({ status: 'inconclusive', message: expect.stringMatching(/credited 2 times/) });
    } else {
      expect(result.status).toBe('completed');
      expect(byId['chaos.psp-webhooks-delayed-duplicated.during.deposits:settled']).toMatchObject({ status: 'fail', message: expect.stringMatching(/balance \d+, expected 3000/) });
      expect(byId['chaos.psp-webhooks-delayed-duplicated.money']).toMatchObject({ status: 'fail', message: expect.stringMatching(/credited 2 times, expected once/) });
    }
    expect(checks.some((c) => c.blocking && c.status !== 'pass')).toBe(true);
    expect(await env.faults.active()).toEqual([]);
  });
});
