import { describe, expect, it } from 'vitest';
import { verifySignature } from '../../fixtures/platform/shared/signature.ts';
import { signWebhook } from './webhook-signing.ts';

describe('signWebhook', () => {
  const body = '{"id":"evt_1","type":"payment.succeeded"}';
  it.each([
    ['fresh, right secret', { ok: true, timestamp: 1_000 }, 'whsec_a', 1_000, 1_000],
    ['another secret', { ok: false, reason: 'mismatch' }, 'whsec_b', 1_000, 1_000],
    ['too old', { ok: false, reason: 'stale' }, 'whsec_a', 1_000, 1_301],
    ['ahead', { ok: false, reason: 'future' }, 'whsec_a', 1_400, 1_000],
  ])('%s: the platform says %j', (_name, verdict, secret, signedAt, now) => {
    const header = signWebhook(secret, body, signedAt);
    expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(verifySignature({ secret: 'whsec_a', rawBody: Buffer.from(body), header, nowSeconds: now })).toEqual(verdict);
  });
});
