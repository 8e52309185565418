import { fetchPspLedger, type PlayerSession, type PspDelivery, type PspLedger } from './clients.ts';
import { SettleTimeoutError, type PaymentsTarget } from './scenario.ts';

/** The provider's retry schedule sends at most this many attempts per event. */
export const MAX_DELIVERY_ATTEMPTS = 6;

function deliveriesFor(ledger: PspLedger, objectIds: ReadonlySet<string>): PspDelivery[] {
  return ledger.webhooks.filter((w) => objectIds.has(w.objectId));
}

const finished = (d: PspDelivery) => d.delivered > 0 || d.attempts >= MAX_DELIVERY_ATTEMPTS;
const fingerprint = (ds: PspDelivery[]) => ds.map((d) => `${d.eventId}:${d.delivered}:${d.attempts}`).sort().join('|');

/**
 * Waits until every provider event about these payments/payouts was delivered (or gave up) and nothing changed for
 * `quietMs`, so late duplicate deliveries have landed. Returns the provider's books at that point.
 */
export async function waitForWebhooks(target: PaymentsTarget, objectIds: readonly string[], expectEvents = 1): Promise<PspLedger> {
  const ids = new Set(objectIds);
  const { clock, config } = target;
  const deadline = clock.monotonic() + config.settleTimeoutMs;
  let stableSince: number | undefined;
  let last = '';
  for (;;) {
    const ledger = await fetchPspLedger(target.psp, target.psp.apiKey);
    const deliveries = deliveriesFor(ledger, ids);
    const print = fingerprint(deliveries);
    const done = deliveries.length >= expectEvents && deliveries.every(finished);
    if (!done || print !== last) stableSince = undefined;
    else stableSince ??= clock.monotonic();
    last = print;
    if (stableSince !== undefined && clock.monotonic() - stableSince >= config.quietMs) return ledger;
    if (clock.monotonic() > deadline) throw new SettleTimeoutError(`webhooks for ${[...ids].join(', ')} delivered and quiet`, config.settleTimeoutMs);
    await clock.sleep(50, target.api.signal);
  }
}

/** Deliveries that exhausted their retries without a 2xx: the platform refused real provider events. */
export function undeliveredEvents(ledger: PspLedger, objectIds: readonly string[]): string[] {
  const ids = new Set(objectIds);
  return deliveriesFor(ledger, ids)
    .filter((d) => d.delivered === 0)
    .map((d) => `${d.type} ${d.eventId} (last answer ${String(d.lastStatus)})`);
}

/** Polls a withdrawal until its status is one of `until`. */
export async function waitForWithdrawal(target: PaymentsTarget, player: PlayerSession, id: string, until: readonly string[]): Promise<Record<string, unknown>> {
  const deadline = target.clock.monotonic() + target.config.settleTimeoutMs;
  for (;;) {
    const answer = await player.call('GET', `/wallet/withdrawals/${encodeURIComponent(id)}`);
    if (answer.status !== 200) throw new Error(`GET /wallet/withdrawals/${id} answered ${answer.status}`);
    if (until.includes(String(answer.body?.status))) return answer.body as Record<string, unknown>;
    if (target.clock.monotonic() > deadline) throw new SettleTimeoutError(`withdrawal ${id} ${until.join(' or ')} (still ${String(answer.body?.status)})`, target.config.settleTimeoutMs);
    await target.clock.sleep(50, target.api.signal);
  }
}

export function pspPaymentForDeposit(ledger: PspLedger, depositId: string) {
  return ledger.payments.find((p) => p.metadata?.depositId === depositId);
}

export function pspPayoutForWithdrawal(ledger: PspLedger, withdrawalId: string) {
  return ledger.payouts.find((p) => p.metadata?.withdrawalId === withdrawalId);
}
