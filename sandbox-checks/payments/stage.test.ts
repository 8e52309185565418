import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, TEST_SECRETS, type Stack } from '../../fixtures/platform/test/stack.ts';
import type { Environment } from '../../staging/environment.ts';
import { PAYMENT_SCENARIOS } from './config.ts';
import { paymentsStage } from './stage.ts';
import { testRunContext } from './testing/context.ts';
import { stackConfig, stackEnvironment } from './testing/stack.ts';

const config = stackConfig();

describe('paymentsStage on the good platform', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ duplicateRate: 0.5 });
  }, 30_000);
  afterAll(async () => {
    await stack?.stop();
  });

  it('passes every scenario, reconciles and keeps the ledger invariants; no secret in the observation', async () => {
    const observation = await paymentsStage.run(testRunContext(stackEnvironment(stack)), config);
    const checks = paymentsStage.evaluate(config, observation);
    const ids = [...PAYMENT_SCENARIOS, 'reconciliation', 'ledger-invariants'].map((id) => `payments.${id}`);
    expect(checks.map((c) => c.id)).toEqual(ids);
    for (const c of checks) expect({ id: c.id, status: c.status, message: c.message }).toMatchObject({ id: c.id, status: 'pass' });
    expect(checks.every((c) => c.blocking)).toBe(true);
    const text = JSON.stringify({ observation, checks });
    expect(text).not.toContain(TEST_SECRETS.webhookSecret);
    expect(text).not.toContain(TEST_SECRETS.pspApiKey);
  }, 45_000);

  it('takes the secrets from the payment-sandbox control, and without a database skips (non-blocking) the invariants', async () => {
    const env = stackEnvironment(stack, false);
    env.controls['payment-sandbox'] = { pspUrl: stack.psp.url, apiKey: TEST_SECRETS.pspApiKey, webhookSecret: TEST_SECRETS.webhookSecret };
    const only = paymentsStage.configSchema.parse({ scenarios: ['webhook-signatures'] });
    const checks = paymentsStage.evaluate(only, await paymentsStage.run(testRunContext(env), only));
    expect(checks.map((c) => [c.id, c.status])).toEqual([
      ['payments.webhook-signatures', 'pass'],
      ['payments.reconciliation', 'pass'],
      ['payments.ledger-invariants', 'skipped'],
    ]);
    expect(checks[2]!.blocking).toBe(false);
  });

  it('a wrong webhook secret fails the signature control instead of passing the refusals', async () => {
    const wrong = paymentsStage.configSchema.parse({ webhookSecret: 'whsec_not_the_platform_secret', pspApiKey: TEST_SECRETS.pspApiKey, scenarios: ['webhook-signatures'] });
    const [signatures] = paymentsStage.evaluate(wrong, await paymentsStage.run(testRunContext(stackEnvironment(stack)), wrong));
    expect(signatures).toMatchObject({ id: 'payments.webhook-signatures', status: 'fail' });
    expect(signatures!.message).toMatch(/correctly signed harmless event \(control\): expected 200, observed 401/);
    expect(signatures!.message).not.toContain('whsec_not_the_platform_secret');
  });

  it('is inconclusive, never passing, without psp access or when the platform is unreachable', async () => {
    const none = paymentsStage.evaluate(config, await paymentsStage.run(testRunContext(undefined), config));
    expect(none).toMatchObject([{ id: 'payments', status: 'inconclusive', reason: 'no_data' }]);
    const noKey = paymentsStage.configSchema.parse({});
    const missing = paymentsStage.evaluate(noKey, await paymentsStage.run(testRunContext(stackEnvironment(stack)), noKey));
    expect(missing).toMatchObject([{ id: 'payments', status: 'inconclusive', reason: 'capability_missing' }]);
    const env = stackEnvironment(stack, false);
    env.urls.edge = 'http://127.0.0.1:9';
    const only = paymentsStage.configSchema.parse({ ...config, scenarios: ['deposit-success'] });
    const unreachable = paymentsStage.evaluate(only, await paymentsStage.run(testRunContext(env), only));
    expect(unreachable[0]).toMatchObject({ id: 'payments.deposit-success', status: 'inconclusive', reason: 'provider_error' });
    expect(unreachable[1]).toMatchObject({ id: 'payments.reconciliation', status: 'inconclusive' });
  });
});

describe('paymentsStage when the run is interrupted', () => {
  it('ends every scenario as interrupted, not passed', async () => {
    const controller = new AbortController();
    controller.abort(new Error('SIGINT'));
    const env: Environment = { provider: 'test', urls: { edge: 'http://127.0.0.1:9', psp: 'http://127.0.0.1:9' }, capabilities: new Set(), releases: {}, controls: {} };
    const only = paymentsStage.configSchema.parse({ ...config, scenarios: ['deposit-success', 'withdrawal-paid'] });
    const checks = paymentsStage.evaluate(only, await paymentsStage.run(testRunContext(env, controller.signal), only));
    expect(checks.slice(0, 2)).toMatchObject([
      { id: 'payments.deposit-success', status: 'inconclusive', reason: 'interrupted' },
      { id: 'payments.withdrawal-paid', status: 'inconclusive', reason: 'interrupted' },
    ]);
  });
});
