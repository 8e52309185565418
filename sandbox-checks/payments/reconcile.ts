import { checkLedgerInvariants, type LedgerInvariantResult } from '../../fixtures/platform/db/invariants.ts';
import { fetchPspLedger, type PspLedger } from './clients.ts';
import type { Scenario } from './scenario.ts';
import { undeliveredEvents, waitForWebhooks } from './settle.ts';

/** What the provider's books say a player's wallet must hold: captured payments minus payouts not failed. */
export function expectedWallet(ledger: PspLedger, playerId: string): { balance: number; held: number } {
  const mine = <T extends { metadata?: Record<string, string> }>(items: T[]) => items.filter((i) => i.metadata?.playerId === playerId);
  const captured = mine(ledger.payments).filter((p) => p.status === 'succeeded').reduce((sum, p) => sum + p.amount, 0);
  const payouts = mine(ledger.payouts);
  const out = payouts.filter((p) => p.status === 'paid' || p.status === 'pending').reduce((sum, p) => sum + p.amount, 0);
  const held = payouts.filter((p) => p.status === 'pending').reduce((sum, p) => sum + p.amount, 0);
  return { balance: captured - out, held };
}

/**
 * Reconciles every player the scenarios used against the provider's records (`GET /ledger`): each wallet equals
 * what the provider captured and paid out, each deposit and withdrawal has the provider's state, and every
 * provider event was accepted.
 */
export const reconcileWithProvider: Scenario = async (target, record) => {
  // No player means nothing to reconcile: no expectation, so the check is inconclusive rather than a pass.
  if (target.players.length === 0) return;
  const wallets = await Promise.all(target.players.map(async (player) => ({ player, wallet: await player.wallet() })));
  const playerIds = new Set(wallets.map((w) => w.wallet.playerId));
  const probe = await fetchPspLedger(target.psp, target.psp.apiKey);
  const objectIds = [...probe.payments, ...probe.payouts].filter((o) => playerIds.has(o.metadata?.playerId ?? '')).map((o) => o.id);
  const ledger = await waitForWebhooks(target, objectIds, 0);
  record.note('players', wallets.length);
  record.note('providerObjects', objectIds.length);
  record.expect('provider events the platform refused', [], undeliveredEvents(ledger, objectIds));
  for (const { player, wallet } of wallets) {
    const now = await player.wallet();
    record.expect(`wallet of ${player.username} against the provider's books`, expectedWallet(ledger, wallet.playerId), { balance: now.balance, held: now.held });
    for (const payment of ledger.payments.filter((p) => p.metadata?.playerId === wallet.playerId && p.metadata.depositId)) {
      const view = await player.call('GET', `/wallet/deposits/${encodeURIComponent(payment.metadata.depositId!)}`);
      record.expect(`deposit ${payment.metadata.depositId} against provider payment ${payment.id}`, payment.status, view.body?.status ?? `HTTP ${view.status}`);
    }
    for (const payout of ledger.payouts.filter((p) => p.metadata?.playerId === wallet.playerId && p.metadata.withdrawalId)) {
      const view = await player.call('GET', `/wallet/withdrawals/${encodeURIComponent(payout.metadata.withdrawalId!)}`);
      record.expect(`withdrawal ${payout.metadata.withdrawalId} against provider payout ${payout.id}`, payout.status, view.body?.status ?? `HTTP ${view.status}`);
    }
  }
};

/** The platform's own ledger invariants, read from its database (read-only snapshot). */
export async function readLedgerInvariants(databaseUrl: string): Promise<LedgerInvariantResult> {
  return checkLedgerInvariants(databaseUrl);
}

export type { LedgerInvariantResult };
