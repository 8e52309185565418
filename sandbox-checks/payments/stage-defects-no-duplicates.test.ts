import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../../fixtures/platform/test/stack.ts';
import { checksAgainst, stackConfig } from './testing/stack.ts';

// The provider never duplicates here: the stage's own replays must still expose the double credit.
describe('paymentsStage against DEFECTS=double-credit-webhook when the provider sends each event once', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ defects: 'double-credit-webhook', duplicateRate: 0 });
  }, 30_000);
  afterAll(async () => {
    await stack?.stop();
  });

  it('fails the duplicate/out-of-order webhook check, the reconciliation and the invariants', async () => {
    const checks = await checksAgainst(stack, stackConfig(['deposit-success', 'webhook-replay']));
    expect(Object.fromEntries(checks.map((c) => [c.id, c.status]))).toEqual({
      'payments.deposit-success': 'pass',
      'payments.webhook-replay': 'fail',
      'payments.reconciliation': 'fail',
      'payments.ledger-invariants': 'fail',
    });
    expect(checks.find((c) => c.id === 'payments.reconciliation')!.message).toMatch(/wallet of gl-pay-dup-\w+ against the provider's books: expected \{"balance":2500,"held":0\}, observed \{"balance":7500,"held":0\}/);
  }, 30_000);
});
