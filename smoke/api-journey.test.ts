import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startService, type RunningService } from '../fixtures/platform/test/services.ts';
import { startStack, type Stack } from '../fixtures/platform/test/stack.ts';
import { API_STEPS, runApiJourney } from './api-journey.ts';
import { startRewritingProxy } from './testing/rewrite-proxy.ts';

let stack: Stack;
let edge: RunningService;
beforeAll(async () => {
  stack = await startStack({ duplicateRate: 0 });
  edge = await startService('edge', { INSTANCE_ID: 'edge-smoke', ADMIN_PORT: '0' });
  await fetch(`http://127.0.0.1:${edge.adminPort}/pools/blue`, { method: 'PUT', body: JSON.stringify({ instances: [{ id: 'api-blue-1', url: stack.api.url }] }) });
});
afterAll(async () => {
  await edge?.stop();
  await stack?.stop();
});

const journey = (baseUrl: string, pool?: string) =>
  runApiJourney({ fetch, baseUrl, pool, requestTimeoutMs: 5000, settleMs: 5000, signal: new AbortController().signal });

describe('the API journey', () => {
  it('passes every step on the good release through the edge pinned to a pool, money proven by the balance', async () => {
    const results = await journey(edge.url, 'blue');
    expect(results.map((r) => [r.step, r.status])).toEqual(API_STEPS.map((s) => [s.id, 'pass']));
    expect(results.find((r) => r.step === 'withdraw')?.message).toMatch(/payout paid, balance/);
  });

  it('names the deposit step when POST /wallet/deposits answers 500, and skips what depends on it', async () => {
    const proxy = await startRewritingProxy(stack.api.url, {
      intercept: (method, path) => (method === 'POST' && path === '/wallet/deposits' ? { status: 500, body: { error: 'internal_error', message: 'boom' } } : undefined),
    });
    try {
      const results = await journey(proxy.url);
      const byStep = Object.fromEntries(results.map((r) => [r.step, r]));
      expect(byStep.balance?.status).toBe('pass');
      expect(byStep['deposit-card']).toMatchObject({ status: 'fail', httpStatus: 500, reason: 'threshold_breached' });
      expect(byStep['deposit-card']?.message).toContain('deposit-card: POST /wallet/deposits answered 500');
      expect(byStep.withdraw).toMatchObject({ status: 'skipped', message: 'not run: deposit-card did not pass' });
    } finally {
      await proxy.close();
    }
  });

  it('fails when the pinned pool has no instance behind the edge', async () => {
    const results = await journey(edge.url, 'green');
    expect(results[0]).toMatchObject({ step: 'register', status: 'fail', httpStatus: 503 });
  });

  it('fails when the answer comes from another pool than the pinned one', async () => {
    const proxy = await startRewritingProxy(stack.api.url, { addHeaders: { 'x-greenlight-pool': 'blue' } });
    try {
      const results = await journey(proxy.url, 'canary');
      expect(results[0]).toMatchObject({ step: 'register', status: 'fail' });
      expect(results[0]?.message).toContain('answered by pool blue, not the pinned pool canary');
    } finally {
      await proxy.close();
    }
  });

  it('is inconclusive, not failed, when the target is unreachable', async () => {
    const proxy = await startRewritingProxy(stack.api.url, {});
    await proxy.close();
    const results = await journey(proxy.url);
    expect(results[0]).toMatchObject({ step: 'register', status: 'inconclusive', reason: 'provider_error' });
    expect(results.slice(1).every((r) => r.status === 'skipped')).toBe(true);
  });
});
