import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../fixtures/platform/test/stack.ts';
import { smokeConfigSchema } from './config.ts';
import { createSmokeStage } from './smoke-stage.ts';
import { testContext } from './testing/context.ts';
import { startRewritingProxy, type RunningProxy } from './testing/rewrite-proxy.ts';

// The first withdrawal answers 500, every later one goes through: the test passes only on its retry.
let stack: Stack;
let flaky: RunningProxy;
beforeAll(async () => {
  stack = await startStack({ duplicateRate: 0 });
  let withdrawals = 0;
  flaky = await startRewritingProxy(stack.api.url, {
    intercept: (method, path) => (method === 'POST' && path === '/wallet/withdrawals' && withdrawals++ === 0 ? { status: 500, body: { error: 'internal_error', message: 'flaky' } } : undefined),
  });
});
afterAll(async () => {
  await flaky?.close();
  await stack?.stop();
});

describe('a browser test that passes only on retry', () => {
  it('is reported as a flaky warn with the first failure and its evidence, never as a plain pass', async () => {
    const stage = createSmokeStage({ grep: 'withdraw' });
    const config = smokeConfigSchema.parse({ api: false, retries: 1, workers: 1, timeouts: { uiExpectMs: 3000 } });
    const { ctx, dispose } = testContext();
    try {
      const checks = stage.evaluate(config, await stage.run(ctx, { ...config, target: flaky.url }));
      expect(checks).toEqual([expect.objectContaining({ id: 'ui:withdraw-and-see-the-payout-state', status: 'warn', observed: 'flaky', samples: 2 })]);
      expect(checks[0]?.message).toMatch(/^flaky: passed only on retry 1 after failing with: .*withdraw-status/);
      expect(checks[0]?.evidence.some((p) => p.endsWith('screenshot.png'))).toBe(true);
    } finally {
      await dispose();
    }
  });
});
