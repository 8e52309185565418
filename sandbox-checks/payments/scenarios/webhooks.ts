import { randomBytes } from 'node:crypto';
import { fetchPspLedger, postWebhook, type PspPayment } from '../clients.ts';
import { CapabilityMissingError, type PaymentsTarget, type Scenario, type ScenarioRecorder } from '../scenario.ts';
import { pspPayoutForWithdrawal, waitForWebhooks, waitForWithdrawal } from '../settle.ts';
import { signWebhook, webhookEvent } from '../webhook-signing.ts';
import { answerShape, CARDS, expectDepositStatus, expectWallet, newPlayer, settleDeposit } from './common.ts';

const newEventId = () => `evt_gl_${randomBytes(10).toString('hex')}`;

function secretOf(target: PaymentsTarget): string {
  if (!target.webhookSecret) throw new CapabilityMissingError('no webhook secret: set webhookSecret in the payments config or give the environment a payment-sandbox control');
  return target.webhookSecret;
}

async function deliver(target: PaymentsTarget, record: ScenarioRecorder, label: string, event: ReturnType<typeof webhookEvent>, expectedStatus = 200): Promise<void> {
  const raw = JSON.stringify(event);
  const now = Math.floor(target.clock.now() / 1000);
  const answer = await postWebhook(target.api, raw, signWebhook(secretOf(target), raw, now));
  record.expect(label, expectedStatus, answer.status);
}

const nowSeconds = (target: PaymentsTarget) => Math.floor(target.clock.now() / 1000);

/**
 * Replays the provider's own `payment.succeeded` event (same event id) twice, then sends stale states after newer
 * ones (declined after succeeded, paid after failed) and a duplicate `payout.failed`: each must change nothing.
 */
export const webhookReplay: Scenario = async (target, record) => {
  secretOf(target);
  const { amount } = target.config;
  const player = await newPlayer(target, 'pay-dup');
  const deposit = await player.move('/wallet/deposits', { amount, card: CARDS.success });
  record.expect('deposit answer', { http: 201, status: 'succeeded' }, answerShape(deposit, ['status']));
  if (deposit.status !== 201) return;
  const depositId = String(deposit.body.id);
  const settled = await settleDeposit(target, record, depositId);
  if (!settled) return;
  const payment: PspPayment = settled.payment;
  const original = settled.ledger.webhooks.find((w) => w.objectId === payment.id && w.type === 'payment.succeeded');
  record.expect('provider sent payment.succeeded', true, original !== undefined);
  if (!original) return;
  const replay = webhookEvent(original.eventId, 'payment.succeeded', { ...payment }, nowSeconds(target));
  await deliver(target, record, 'first duplicate of payment.succeeded accepted', replay);
  await deliver(target, record, 'second duplicate of payment.succeeded accepted', replay);
  await deliver(target, record, 'late payment.declined accepted', webhookEvent(newEventId(), 'payment.declined', { ...payment, status: 'declined', declineCode: 'generic_decline' }, nowSeconds(target)));
  await expectWallet(record, player, 'wallet after duplicate and out-of-order payment events (credited once)', amount);
  await expectDepositStatus(record, player, depositId, 'succeeded');

  const payoutAmount = Math.floor(amount / 2);
  const withdrawal = await player.move('/wallet/withdrawals', { amount: payoutAmount, destination: 'acct_no_account' });
  record.expect('withdrawal answer', { http: 201, status: 'pending' }, answerShape(withdrawal, ['status']));
  if (withdrawal.status !== 201) return;
  const withdrawalId = String(withdrawal.body.id);
  await waitForWithdrawal(target, player, withdrawalId, ['failed', 'paid']);
  const payout = pspPayoutForWithdrawal(await fetchPspLedger(target.psp, target.psp.apiKey), withdrawalId);
  record.expect(`provider has a payout for withdrawal ${withdrawalId}`, true, payout !== undefined);
  if (!payout) return;
  const ledger = await waitForWebhooks(target, [payout.id]);
  const failedEvent = ledger.webhooks.find((w) => w.objectId === payout.id && w.type === 'payout.failed');
  record.expect('provider sent payout.failed', true, failedEvent !== undefined);
  await deliver(target, record, 'late payout.paid accepted', webhookEvent(newEventId(), 'payout.paid', { ...payout, status: 'paid' }, nowSeconds(target)));
  if (failedEvent) await deliver(target, record, 'duplicate payout.failed accepted', webhookEvent(failedEvent.eventId, 'payout.failed', { ...payout }, nowSeconds(target)));
  await expectWallet(record, player, 'wallet after a failed payout and its late and duplicate events', amount);
  const view = await player.call('GET', `/wallet/withdrawals/${withdrawalId}`);
  record.expect('withdrawal status after late payout.paid', 'failed', view.body?.status ?? null);
};

/**
 * A deposit waits on 3-D Secure; a forged `payment.succeeded` for it must be refused (401) unsigned, signed with
 * another secret, signed too long ago or ahead, or signed over another body, and must credit nothing. A correctly
 * signed harmless event is accepted, which shows the refusals are about the signature.
 */
export const webhookSignatures: Scenario = async (target, record) => {
  const secret = secretOf(target);
  const player = await newPlayer(target, 'pay-sig');
  const deposit = await player.move('/wallet/deposits', { amount: target.config.amount, card: CARDS.threeDSecure });
  record.expect('deposit answer', { http: 201, status: 'requires_action' }, answerShape(deposit, ['status']));
  if (deposit.status !== 201) return;
  const depositId = String(deposit.body.id);
  const settled = await settleDeposit(target, record, depositId, 0);
  if (!settled) return;
  const now = nowSeconds(target);
  const eventId = newEventId();
  const forged = JSON.stringify(webhookEvent(eventId, 'payment.succeeded', { ...settled.payment, status: 'succeeded' }, now));
  const otherBody = JSON.stringify(webhookEvent(eventId, 'payment.succeeded', { ...settled.payment, status: 'succeeded', amount: settled.payment.amount + 1 }, now));
  const attempts: [string, string | undefined][] = [
    ['unsigned', undefined],
    ['signed with another secret', signWebhook(`not-${randomBytes(16).toString('hex')}`, forged, now)],
    [`signed ${target.config.staleSeconds} s ago`, signWebhook(secret, forged, now - target.config.staleSeconds)],
    [`signed ${target.config.staleSeconds} s ahead`, signWebhook(secret, forged, now + target.config.staleSeconds)],
    ['signed over another body', signWebhook(secret, otherBody, now)],
  ];
  for (const [label, signature] of attempts) {
    const answer = await postWebhook(target.api, forged, signature);
    record.expect(`forged payment.succeeded ${label}`, 401, answer.status);
  }
  const probe = JSON.stringify(webhookEvent(newEventId(), 'greenlight.probe', { id: `gl_probe_${randomBytes(6).toString('hex')}` }, now));
  const accepted = await postWebhook(target.api, probe, signWebhook(secret, probe, now));
  record.expect('correctly signed harmless event (control)', 200, accepted.status);
  await expectWallet(record, player, 'wallet after the forged events', 0);
  await expectDepositStatus(record, player, depositId, 'requires_action');
  await player.move(`/wallet/deposits/${depositId}/challenge`, { result: 'reject' });
};
