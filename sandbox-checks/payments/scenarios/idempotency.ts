import { randomUUID } from 'node:crypto';
import type { HttpAnswer, PlayerSession } from '../clients.ts';
import { SettleTimeoutError, type PaymentsTarget, type Scenario } from '../scenario.ts';
import { fetchPspLedger } from '../clients.ts';
import { answerShape, CARDS, expectWallet, newPlayer, settleDeposit } from './common.ts';

function isTimeout(error: unknown): boolean {
  return error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
}

/** Retries while the platform says the first request with this key is still running (409 + Retry-After). */
async function retryWhileInFlight(target: PaymentsTarget, player: PlayerSession, body: unknown, key: string): Promise<HttpAnswer> {
  const deadline = target.clock.monotonic() + target.config.settleTimeoutMs;
  for (;;) {
    const answer = await player.move('/wallet/deposits', body, key);
    if (answer.status !== 409) return answer;
    if (target.clock.monotonic() > deadline) throw new SettleTimeoutError(`a deposit retry not answered 409 (key still in use)`, target.config.settleTimeoutMs);
    await target.clock.sleep(100, target.api.signal);
  }
}

/**
 * The first deposit attempt times out on the client; the retry with the same Idempotency-Key must give one deposit,
 * one provider payment and one credit, and a further retry must replay the same answer.
 */
export const idempotentRetry: Scenario = async (target, record) => {
  const { amount } = target.config;
  const player = await newPlayer(target, 'pay-retry');
  const key = randomUUID();
  const body = { amount, card: CARDS.success };
  try {
    const first = await player.move('/wallet/deposits', body, key, target.config.retryTimeoutMs);
    record.note('firstAttempt', `answered ${first.status} within ${target.config.retryTimeoutMs} ms`);
  } catch (error) {
    if (!isTimeout(error)) throw error;
    record.note('firstAttempt', `timed out after ${target.config.retryTimeoutMs} ms`);
  }
  const retry = await retryWhileInFlight(target, player, body, key);
  record.expect('retried deposit answer', { http: 201, status: 'succeeded' }, answerShape(retry, ['status']));
  if (retry.status !== 201) return;
  const depositId = String(retry.body.id);
  const again = await player.move('/wallet/deposits', body, key);
  record.expect('a further retry replays the first answer', { http: 201, replayed: 'true', id: depositId }, { http: again.status, replayed: again.headers.get('idempotent-replayed'), id: again.body?.id ?? null });
  const reused = await player.move('/wallet/deposits', { ...body, amount: amount + 1 }, key);
  record.expect('the same key with another amount', 422, reused.status);
  await settleDeposit(target, record, depositId);
  const { playerId } = await player.wallet();
  const payments = (await fetchPspLedger(target.psp, target.psp.apiKey)).payments.filter((p) => p.metadata?.playerId === playerId);
  record.expect('provider payments created for the retried deposit', 1, payments.length);
  await expectWallet(record, player, 'wallet after the retries settled (credited exactly once)', amount);
};
