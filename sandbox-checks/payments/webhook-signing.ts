import { createHmac } from 'node:crypto';

/** The platform's webhook signature header: `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "t.rawBody")>`. */
export const SIGNATURE_HEADER = 'psp-signature';

/** Signs a raw body the way the provider does (Stripe's scheme), at the given unix time. */
export function signWebhook(secret: string, rawBody: string, timestampSeconds: number): string {
  const mac = createHmac('sha256', secret).update(`${timestampSeconds}.${rawBody}`).digest('hex');
  return `t=${timestampSeconds},v1=${mac}`;
}

export interface WebhookEvent {
  id: string;
  type: string;
  created: number;
  data: { object: Record<string, unknown> };
}

export function webhookEvent(id: string, type: string, object: Record<string, unknown>, created: number): WebhookEvent {
  return { id, type, created, data: { object } };
}
