import { fetchPspLedger, PlayerSession, type HttpAnswer, type PspLedger, type PspPayment } from '../clients.ts';
import type { PaymentsTarget, ScenarioRecorder } from '../scenario.ts';
import { pspPaymentForDeposit, undeliveredEvents, waitForWebhooks } from '../settle.ts';

/** The psp sandbox's test cards (fixtures/platform/psp/README.md). */
export const CARDS = {
  success: '4242 4242 4242 4242',
  genericDecline: '4000 0000 0000 0002',
  insufficientFunds: '4000 0000 0000 9995',
  threeDSecure: '4000 0000 0000 3220',
} as const;

export async function newPlayer(target: PaymentsTarget, label: string): Promise<PlayerSession> {
  const player = await PlayerSession.register(target.api, label);
  target.players.push(player);
  return player;
}

export function answerShape(answer: HttpAnswer, fields: readonly string[]): Record<string, unknown> {
  const shape: Record<string, unknown> = { http: answer.status };
  for (const field of fields) shape[field] = answer.body?.[field] ?? null;
  return shape;
}

export interface SettledPayment {
  payment: PspPayment;
  ledger: PspLedger;
}

/** Finds the provider's payment behind a deposit and waits until its webhooks have landed. */
export async function settleDeposit(target: PaymentsTarget, record: ScenarioRecorder, depositId: string, events = 1): Promise<SettledPayment | undefined> {
  const before = await fetchPspLedger(target.psp, target.psp.apiKey);
  const found = pspPaymentForDeposit(before, depositId);
  record.expect(`provider has a payment for deposit ${depositId}`, true, found !== undefined);
  if (!found) return undefined;
  const ledger = await waitForWebhooks(target, [found.id], events);
  record.expect('provider events the platform refused', [], undeliveredEvents(ledger, [found.id]));
  return { payment: pspPaymentForDeposit(ledger, depositId)!, ledger };
}

export async function expectWallet(record: ScenarioRecorder, player: PlayerSession, label: string, balance: number, held = 0): Promise<void> {
  const wallet = await player.wallet();
  record.expect(label, { balance, held }, { balance: wallet.balance, held: wallet.held });
}

export async function expectDepositStatus(record: ScenarioRecorder, player: PlayerSession, depositId: string, status: string): Promise<void> {
  const view = await player.call('GET', `/wallet/deposits/${encodeURIComponent(depositId)}`);
  record.expect(`deposit ${depositId} as the platform reports it`, { http: 200, status }, { http: view.status, status: view.body?.status ?? null });
}
