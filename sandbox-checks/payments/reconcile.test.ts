import { describe, expect, it } from 'vitest';
import { expectedWallet } from './reconcile.ts';

describe('expectedWallet', () => {
  const meta = (playerId: string) => ({ playerId });
  const ledger = {
    payments: [
      { id: 'p1', status: 'succeeded', amount: 1000, metadata: meta('1') },
      { id: 'p2', status: 'declined', amount: 500, metadata: meta('1') },
      { id: 'p3', status: 'succeeded', amount: 700, metadata: meta('2') },
      { id: 'p4', status: 'requires_action', amount: 300, metadata: meta('1') },
    ],
    payouts: [
      { id: 'o1', status: 'paid', amount: 200, metadata: meta('1') },
      { id: 'o2', status: 'failed', amount: 100, metadata: meta('1') },
      { id: 'o3', status: 'pending', amount: 50, metadata: meta('1') },
    ],
    webhooks: [],
  };
  it.each([
    ['1', { balance: 750, held: 50 }],
    ['2', { balance: 700, held: 0 }],
    ['3', { balance: 0, held: 0 }],
  ])('player %s', (playerId, expected) => {
    expect(expectedWallet(ledger, playerId)).toEqual(expected);
  });
});
