import { randomUUID } from 'node:crypto';
import { fetchPspLedger } from '../clients.ts';
import type { Scenario } from '../scenario.ts';
import { waitForWebhooks } from '../settle.ts';
import { answerShape, CARDS, expectWallet, newPlayer } from './common.ts';
import { fundedPlayer } from './withdrawals.ts';

/** Smallest deposit the platform accepts, so a burst costs the sandbox little. */
const BURST_AMOUNT = 100;

/**
 * `burstDeposits` deposits with the good card: every one must be answered 201 succeeded. A release that fails even
 * a few percent of deposits fails here (3% over 200 deposits goes unseen with probability 0.97²⁰⁰ ≈ 0.2%).
 */
export const depositReliability: Scenario = async (target, record) => {
  const { burstDeposits: count, burstConcurrency } = target.config;
  const player = await newPlayer(target, 'pay-burst');
  const answers = new Map<string, number>();
  let started = 0;
  let credited = 0;
  const worker = async () => {
    while (started < count) {
      started++;
      const answer = await player.move('/wallet/deposits', { amount: BURST_AMOUNT, card: CARDS.success });
      const shape = `${answer.status} ${String(answer.body?.status ?? answer.body?.error ?? '')}`.trim();
      answers.set(shape, (answers.get(shape) ?? 0) + 1);
      if (answer.status === 201 && answer.body?.status === 'succeeded') credited += BURST_AMOUNT;
    }
  };
  await Promise.all(Array.from({ length: Math.min(burstConcurrency, count) }, worker));
  const observed = Object.fromEntries([...answers].sort(([a], [b]) => a.localeCompare(b)));
  record.note('answers', observed);
  record.expect(`answers to ${count} deposits with a good card`, { '201 succeeded': count }, observed);
  await expectWallet(record, player, 'wallet after the burst (each succeeded deposit credited once)', credited);
};

/**
 * A withdrawal retried with the same Idempotency-Key (the client lost the first answer): the retry must replay the
 * first answer, and the provider must see one payout, the wallet one debit.
 */
export const withdrawalIdempotentRetry: Scenario = async (target, record) => {
  const player = await fundedPlayer(target, record, 'pay-wd-retry');
  if (!player) return;
  const amount = Math.floor(target.config.amount * 0.4);
  const body = { amount, destination: 'acct_success' };
  const key = randomUUID();
  const first = await player.move('/wallet/withdrawals', body, key);
  record.expect('withdrawal answer', { http: 201, status: 'pending' }, answerShape(first, ['status']));
  if (first.status !== 201) return;
  const retry = await player.move('/wallet/withdrawals', body, key);
  record.expect(
    'the retry with the same Idempotency-Key replays the first answer',
    { http: 201, replayed: 'true', id: first.body.id },
    { http: retry.status, replayed: retry.headers.get('idempotent-replayed'), id: retry.body?.id ?? null },
  );
  const { playerId } = await player.wallet();
  const payouts = (await fetchPspLedger(target.psp, target.psp.apiKey)).payouts.filter((p) => p.metadata?.playerId === playerId);
  record.expect('provider payouts for this player', 1, payouts.length);
  await waitForWebhooks(target, payouts.map((p) => p.id), payouts.length);
  await expectWallet(record, player, 'wallet after the payout (debited once)', target.config.amount - amount);
};
