import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../fixtures/platform/test/stack.ts';
import { smokeConfigSchema } from './config.ts';
import { smokeStage } from './smoke-stage.ts';
import { testContext } from './testing/context.ts';
import { startRewritingProxy, type RunningProxy } from './testing/rewrite-proxy.ts';

// The platform stays as built; a loopback proxy breaks its UI the way a bad release would.
let stack: Stack;
let broken: RunningProxy;
beforeAll(async () => {
  stack = await startStack({ duplicateRate: 0 });
  broken = await startRewritingProxy(stack.api.url, {
    rewrite: (path, text) => {
      if (path === '/') return text.replace('data-testid="withdraw-submit"', '');
      if (path === '/app.js') return text.replace("$('balance').textContent = euros(round.balance);", '');
      return text;
    },
  });
});
afterAll(async () => {
  await broken?.close();
  await stack?.stop();
});

const config = smokeConfigSchema.parse({ api: false, retries: 0, timeouts: { uiExpectMs: 4000, uiTestMs: 15_000 } });

describe('the browser journey on a broken release', () => {
  it('fails exactly the spin and withdraw checks, each with a screenshot and a trace kept as evidence', async () => {
    const { ctx, artifacts, dispose } = testContext();
    try {
      const observation = await smokeStage.run(ctx, { ...config, target: broken.url });
      const checks = smokeStage.evaluate(config, observation);
      const byId = Object.fromEntries(checks.map((c) => [c.id, c]));
      expect(checks.map((c) => [c.id, c.status])).toEqual([
        ['ui:register-and-log-in', 'pass'],
        ['ui:spin-shows-the-outcome-and-the-new-balance', 'fail'],
        ['ui:deposit-with-a-sandbox-card', 'pass'],
        ['ui:deposit-with-a-3-d-secure-challenge', 'pass'],
        ['ui:withdraw-and-see-the-payout-state', 'fail'],
      ]);
      const spin = byId['ui:spin-shows-the-outcome-and-the-new-balance']!;
      expect(spin.message).toContain("getByTestId('balance')");
      expect(byId['ui:withdraw-and-see-the-payout-state']!.message).toContain('withdraw-submit');
      for (const failed of [spin, byId['ui:withdraw-and-see-the-payout-state']!]) {
        expect(failed.blocking).toBe(true);
        const screenshot = failed.evidence.find((p) => p.endsWith('screenshot.png'));
        expect(screenshot, `${failed.id} evidence`).toBeDefined();
        expect(failed.evidence.some((p) => p.endsWith('trace.zip'))).toBe(true);
        expect(statSync(join(ctx.runDir, screenshot!)).size).toBeGreaterThan(1000);
        expect(artifacts).toEqual(expect.arrayContaining(failed.evidence));
      }
      expect(byId['ui:deposit-with-a-sandbox-card']!.evidence).toEqual([]);
    } finally {
      await dispose();
    }
  });
});
