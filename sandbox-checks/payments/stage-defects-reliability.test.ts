import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../../fixtures/platform/test/stack.ts';
import { checksAgainst, stackConfig } from './testing/stack.ts';

const config = stackConfig(['deposit-reliability', 'withdrawal-idempotent-retry']);

describe('paymentsStage against DEFECTS=deposit-500,withdraw-not-idempotent', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ defects: 'deposit-500,withdraw-not-idempotent', duplicateRate: 0 });
  }, 30_000);
  afterAll(async () => {
    await stack?.stop();
  });

  it('fails the deposit burst on the 5xx answers and the withdrawal retry on the second payout', async () => {
    const checks = await checksAgainst(stack, config);
    const byId = Object.fromEntries(checks.map((c) => [c.id, c]));
    expect(byId['payments.deposit-reliability']).toMatchObject({ status: 'fail', blocking: true });
    expect(byId['payments.deposit-reliability']!.message).toMatch(/"500 [^"]*":\d+/);
    expect(byId['payments.withdrawal-idempotent-retry']).toMatchObject({ status: 'fail', blocking: true });
    expect(byId['payments.withdrawal-idempotent-retry']!.message).toMatch(/replays the first answer: expected .*"replayed":"true"/);
    expect(byId['payments.withdrawal-idempotent-retry']!.message).toMatch(/provider payouts for this player: expected 1, observed 2/);
  }, 45_000);
});
