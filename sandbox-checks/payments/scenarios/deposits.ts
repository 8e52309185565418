import type { Scenario } from '../scenario.ts';
import { answerShape, CARDS, expectDepositStatus, expectWallet, newPlayer, settleDeposit } from './common.ts';

/** A good card: credited once, after the provider's webhooks (and any duplicate of them) have landed. */
export const depositSuccess: Scenario = async (target, record) => {
  const { amount } = target.config;
  const player = await newPlayer(target, 'pay-ok');
  const answer = await player.move('/wallet/deposits', { amount, card: CARDS.success });
  record.expect('deposit answer', { http: 201, status: 'succeeded' }, answerShape(answer, ['status']));
  if (answer.status !== 201) return;
  const depositId = String(answer.body.id);
  record.note('depositId', depositId);
  const settled = await settleDeposit(target, record, depositId);
  if (!settled) return;
  record.note('pspPaymentId', settled.payment.id);
  record.expect('provider payment status', 'succeeded', settled.payment.status);
  await expectWallet(record, player, 'wallet after the webhooks settled (credited exactly once)', amount);
  await expectDepositStatus(record, player, depositId, 'succeeded');
};

/** A declined card moves no money, also after the provider's `payment.declined` webhook. */
export const depositDeclined: Scenario = async (target, record) => {
  const player = await newPlayer(target, 'pay-decl');
  const answer = await player.move('/wallet/deposits', { amount: target.config.amount, card: CARDS.genericDecline });
  record.expect('deposit answer', { http: 201, status: 'declined', declineCode: 'generic_decline' }, answerShape(answer, ['status', 'declineCode']));
  if (answer.status !== 201) return;
  const depositId = String(answer.body.id);
  const settled = await settleDeposit(target, record, depositId);
  if (settled) record.expect('provider payment status', 'declined', settled.payment.status);
  await expectWallet(record, player, 'wallet after a declined deposit', 0);
  await expectDepositStatus(record, player, depositId, 'declined');
};

/** Insufficient funds, both ways: the card is declined for it, and a withdrawal above the balance is refused. */
export const insufficientFunds: Scenario = async (target, record) => {
  const { amount } = target.config;
  const player = await newPlayer(target, 'pay-nsf');
  const answer = await player.move('/wallet/deposits', { amount, card: CARDS.insufficientFunds });
  record.expect('deposit answer', { http: 201, status: 'declined', declineCode: 'insufficient_funds' }, answerShape(answer, ['status', 'declineCode']));
  if (answer.status === 201) await settleDeposit(target, record, String(answer.body.id));
  const withdrawal = await player.move('/wallet/withdrawals', { amount });
  record.expect('withdrawal above the balance', { http: 409, error: 'insufficient_funds' }, answerShape(withdrawal, ['error']));
  await expectWallet(record, player, 'wallet after both refusals (nothing held)', 0);
};

/** 3-D Secure: nothing is credited while the challenge is open; approve credits once, reject credits nothing. */
export const threeDSecure: Scenario = async (target, record) => {
  const { amount } = target.config;
  const player = await newPlayer(target, 'pay-3ds');
  const approved = await player.move('/wallet/deposits', { amount, card: CARDS.threeDSecure });
  record.expect('deposit answer', { http: 201, status: 'requires_action', challenge: true }, { ...answerShape(approved, ['status']), challenge: typeof approved.body?.challengeUrl === 'string' });
  if (approved.status !== 201) return;
  const approvedId = String(approved.body.id);
  await expectWallet(record, player, 'wallet while the challenge is open', 0);
  const approve = await player.move(`/wallet/deposits/${approvedId}/challenge`, { result: 'approve' });
  record.expect('approved challenge', { http: 200, status: 'succeeded' }, answerShape(approve, ['status']));
  await settleDeposit(target, record, approvedId);
  await expectWallet(record, player, 'wallet after the approved challenge settled', amount);

  const rejected = await player.move('/wallet/deposits', { amount, card: CARDS.threeDSecure });
  if (rejected.status !== 201) return record.expect('second 3-D Secure deposit answer', 201, rejected.status);
  const reject = await player.move(`/wallet/deposits/${String(rejected.body.id)}/challenge`, { result: 'reject' });
  record.expect('rejected challenge', { http: 200, status: 'declined', declineCode: 'authentication_failed' }, answerShape(reject, ['status', 'declineCode']));
  await settleDeposit(target, record, String(rejected.body.id));
  await expectWallet(record, player, 'wallet after the rejected challenge settled', amount);
};
