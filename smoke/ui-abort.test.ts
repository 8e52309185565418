import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smokeConfigSchema } from './config.ts';
import { createSmokeStage, smokeStage } from './smoke-stage.ts';
import { processesWithArg, testContext } from './testing/context.ts';

// A target that accepts connections and never answers: the browser journey hangs until it is stopped.
let silent: Server;
let target: string;
beforeAll(async () => {
  silent = createServer(() => {});
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  target = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
});
afterAll(async () => {
  silent.closeAllConnections();
  await new Promise((resolve) => silent.close(resolve));
});

const config = smokeConfigSchema.parse({ api: false, retries: 0, workers: 1, timeouts: { uiTestMs: 30_000, uiRunMs: 60_000 } });
const waitUntil = async (done: () => boolean, ms: number) => {
  const deadline = Date.now() + ms;
  while (!done() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
};

describe('stopping the browser journey', () => {
  it('kills Playwright and its browsers when the run is aborted, and is inconclusive', async () => {
    const abort = new AbortController();
    const { ctx, dispose } = testContext({ signal: abort.signal });
    const marker = `--greenlight-run=${ctx.runId}`;
    try {
      const running = smokeStage.run(ctx, { ...config, target });
      await waitUntil(() => processesWithArg(marker).length > 0, 15_000);
      expect(processesWithArg(marker).length, 'a browser started').toBeGreaterThan(0);
      abort.abort();
      const observation = await running;
      expect(smokeStage.evaluate(config, observation)).toEqual([expect.objectContaining({ id: 'ui:run', status: 'inconclusive', reason: 'interrupted' })]);
      await waitUntil(() => processesWithArg(marker).length === 0, 5000);
      expect(processesWithArg(marker)).toEqual([]);
      expect(ctx.cleanup.size).toBe(0);
      expect(existsSync(join(ctx.artifactsDir, 'ui'))).toBe(false);
    } finally {
      await dispose();
    }
  });

  it('kills the run at its deadline and is inconclusive, never passed', async () => {
    const { ctx, dispose } = testContext();
    const marker = `--greenlight-run=${ctx.runId}`;
    try {
      const short = { ...config, timeouts: { ...config.timeouts, uiRunMs: 4000 } };
      const observation = await smokeStage.run(ctx, { ...short, target });
      const checks = smokeStage.evaluate(short, observation);
      expect(checks).toEqual([expect.objectContaining({ id: 'ui:run', status: 'inconclusive', reason: 'timeout' })]);
      expect(checks[0]?.message).toContain('not finished after 4000 ms');
      await waitUntil(() => processesWithArg(marker).length === 0, 5000);
      expect(processesWithArg(marker)).toEqual([]);
    } finally {
      await dispose();
    }
  });

  it('is an error, never a pass, when Playwright Test cannot even start (no JSON report)', async () => {
    const stage = createSmokeStage({ configFile: '/nonexistent/playwright.config.ts' });
    const { ctx, dispose } = testContext();
    try {
      const checks = stage.evaluate(config, await stage.run(ctx, { ...config, target }));
      expect(checks).toEqual([expect.objectContaining({ id: 'ui:run', status: 'error', reason: 'harness_error' })]);
      expect(checks[0]?.message).toContain('Playwright Test wrote no JSON report');
    } finally {
      await dispose();
    }
  });

  it('without a browser the UI checks are inconclusive with what to install', async () => {
    const stage = createSmokeStage({ discover: () => ({ found: false, tried: ['/usr/bin/chromium'], message: 'no Chromium found: install one with `apt-get install chromium`' }) });
    const { ctx, dispose } = testContext();
    try {
      const checks = stage.evaluate(config, await stage.run(ctx, { ...config, target }));
      expect(checks).toEqual([expect.objectContaining({ id: 'ui:run', status: 'inconclusive', reason: 'capability_missing', blocking: true })]);
      expect(checks[0]?.message).toContain('apt-get install chromium');
    } finally {
      await dispose();
    }
  });
});
