import { fetchPspLedger } from '../clients.ts';
import type { PaymentsTarget, Scenario, ScenarioRecorder } from '../scenario.ts';
import { pspPayoutForWithdrawal, undeliveredEvents, waitForWebhooks } from '../settle.ts';
import { answerShape, CARDS, expectWallet, newPlayer, settleDeposit } from './common.ts';
import type { PlayerSession } from '../clients.ts';

export async function fundedPlayer(target: PaymentsTarget, record: ScenarioRecorder, label: string): Promise<PlayerSession | undefined> {
  const player = await newPlayer(target, label);
  const deposit = await player.move('/wallet/deposits', { amount: target.config.amount, card: CARDS.success });
  record.expect('funding deposit answer', { http: 201, status: 'succeeded' }, answerShape(deposit, ['status']));
  if (deposit.status !== 201) return undefined;
  return (await settleDeposit(target, record, String(deposit.body.id))) ? player : undefined;
}

/** Requests a payout and waits until the provider's `events` webhooks about it have landed. */
async function settledWithdrawal(target: PaymentsTarget, record: ScenarioRecorder, player: PlayerSession, amount: number, destination: string, events: number) {
  const answer = await player.move('/wallet/withdrawals', { amount, destination });
  record.expect('withdrawal answer', { http: 201, status: 'pending' }, answerShape(answer, ['status']));
  if (answer.status !== 201) return undefined;
  const withdrawalId = String(answer.body.id);
  record.note('withdrawalId', withdrawalId);
  const payout = pspPayoutForWithdrawal(await fetchPspLedger(target.psp, target.psp.apiKey), withdrawalId);
  record.expect(`provider has a payout for withdrawal ${withdrawalId}`, true, payout !== undefined);
  if (!payout) return undefined;
  const ledger = await waitForWebhooks(target, [payout.id], events);
  record.expect('provider events the platform refused', [], undeliveredEvents(ledger, [payout.id]));
  const view = await player.call('GET', `/wallet/withdrawals/${withdrawalId}`);
  return { view, payout: pspPayoutForWithdrawal(ledger, withdrawalId)! };
}

/** A payout to a good account: the hold is settled, the wallet keeps the rest, nothing stays held. */
export const withdrawalPaid: Scenario = async (target, record) => {
  const player = await fundedPlayer(target, record, 'pay-wd');
  if (!player) return;
  const payoutAmount = Math.floor(target.config.amount * 0.4);
  const settled = await settledWithdrawal(target, record, player, payoutAmount, 'acct_success', 1);
  if (!settled) return;
  record.expect('provider payout status', 'paid', settled.payout.status);
  record.expect('withdrawal as the platform reports it', { http: 200, status: 'paid' }, answerShape(settled.view, ['status']));
  await expectWallet(record, player, 'wallet after the payout', target.config.amount - payoutAmount);
};

/** A payout that is paid and then fails (account closed): the platform must reverse it and give the money back. */
export const withdrawalReversed: Scenario = async (target, record) => {
  const player = await fundedPlayer(target, record, 'pay-rev');
  if (!player) return;
  const payoutAmount = Math.floor(target.config.amount * 0.4);
  const settled = await settledWithdrawal(target, record, player, payoutAmount, 'acct_paid_then_failed', 2);
  if (!settled) return;
  record.expect('provider payout status', 'failed', settled.payout.status);
  record.expect('withdrawal as the platform reports it', { http: 200, status: 'failed', failureCode: 'account_closed' }, answerShape(settled.view, ['status', 'failureCode']));
  await expectWallet(record, player, 'wallet after the reversed payout (money back)', target.config.amount);
};
