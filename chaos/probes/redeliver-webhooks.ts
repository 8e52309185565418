import { signPayload, SIGNATURE_HEADER } from '../../fixtures/platform/shared/signature.ts';
import type { PaymentSandboxAccess } from '../../staging/local/controls.ts';

interface PspLedger {
  payments: { id: string; status: string; metadata?: Record<string, string> }[];
  webhooks: { eventId: string; type: string; objectId: string }[];
}

/**
 * Delivers each `payment.succeeded` event of these deposits once more, exactly as the psp would (same event id,
 * freshly signed), through the edge. Returns how the api answered each redelivery (`duplicate` is right).
 */
export async function redeliverPaymentEvents(options: { access: PaymentSandboxAccess; edgeUrl: string; depositIds: readonly string[]; fetch: typeof globalThis.fetch; signal: AbortSignal }): Promise<string[]> {
  const { access, fetch } = options;
  const signal = () => AbortSignal.any([options.signal, AbortSignal.timeout(10_000)]);
  const response = await fetch(new URL('/ledger', access.pspUrl), { headers: { authorization: `Bearer ${access.apiKey}` }, signal: signal() });
  if (!response.ok) throw new Error(`psp GET /ledger answered ${response.status}`);
  const ledger = (await response.json()) as PspLedger;
  const wanted = new Set(options.depositIds);
  const payments = ledger.payments.filter((p) => p.metadata?.depositId && wanted.has(p.metadata.depositId));
  if (payments.length !== wanted.size) throw new Error(`the psp knows ${payments.length} of ${wanted.size} deposits`);
  const outcomes: string[] = [];
  for (const payment of payments) {
    const event = ledger.webhooks.find((w) => w.objectId === payment.id && w.type === 'payment.succeeded');
    if (!event) throw new Error(`no payment.succeeded event for payment ${payment.id}`);
    const raw = JSON.stringify({ id: event.eventId, type: event.type, created: Math.floor(Date.now() / 1000), data: { object: payment } });
    const answer = await fetch(new URL('/webhooks/psp', options.edgeUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: signPayload(access.webhookSecret, raw, Math.floor(Date.now() / 1000)) },
      body: raw,
      signal: signal(),
    });
    const body = (await answer.json().catch(() => ({}))) as { result?: string };
    outcomes.push(answer.ok ? String(body.result ?? 'unknown') : `HTTP ${answer.status}`);
  }
  return outcomes;
}
