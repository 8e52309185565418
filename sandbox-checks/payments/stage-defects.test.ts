import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../../fixtures/platform/test/stack.ts';
import { checksAgainst, stackConfig } from './testing/stack.ts';

const config = stackConfig();

describe('paymentsStage against DEFECTS=double-credit-webhook', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ defects: 'double-credit-webhook', duplicateRate: 1 });
  }, 30_000);
  afterAll(async () => {
    await stack?.stop();
  });

  it('fails every scenario that can see a duplicate credit, the reconciliation and the invariants', async () => {
    const checks = await checksAgainst(stack, config);
    const status = Object.fromEntries(checks.map((c) => [c.id.replace('payments.', ''), c.status]));
    expect(status).toEqual({
      // Every flow where the provider sends payment.succeeded (delivered twice here) credits twice.
      'deposit-success': 'fail',
      'three-d-secure': 'fail',
      'idempotent-retry': 'fail',
      'webhook-replay': 'fail',
      'withdrawal-paid': 'fail',
      'withdrawal-reversed': 'fail',
      'withdrawal-idempotent-retry': 'fail',
      'deposit-reliability': 'fail',
      // No payment.succeeded in these flows: the defect cannot show there.
      'deposit-declined': 'pass',
      'insufficient-funds': 'pass',
      'webhook-signatures': 'pass',
      reconciliation: 'fail',
      'ledger-invariants': 'fail',
    });
    const replay = checks.find((c) => c.id === 'payments.webhook-replay')!;
    expect(replay.message).toMatch(/wallet after duplicate and out-of-order payment events \(credited once\): expected \{"balance":2500,"held":0\}, observed \{"balance":(5000|7500|10000)/);
    expect(checks.find((c) => c.id === 'payments.ledger-invariants')!.message).toMatch(/credited \d times, expected once/);
  }, 45_000);
});
