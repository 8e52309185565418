import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smokeConfigSchema } from './config.ts';
import { smokeStage } from './smoke-stage.ts';
import { testContext } from './testing/context.ts';

// An edge that answers every request with 503, as one with no healthy instance in the pool does.
let edge: Server;
let edgeUrl: string;
const seen: { path?: string; pool?: string }[] = [];
beforeAll(async () => {
  edge = createServer((req, res) => {
    seen.push({ path: req.url, pool: req.headers['x-greenlight-pool'] as string | undefined });
    res.writeHead(503, { 'content-type': 'application/json' }).end('{"error":"no_healthy_instance"}');
  });
  await new Promise<void>((resolve) => edge.listen(0, '127.0.0.1', resolve));
  edgeUrl = `http://127.0.0.1:${(edge.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => edge.close(resolve)));

describe('smokeStage', () => {
  it("smokes the environment's edge when no target is given, with the pool pinned by header", async () => {
    const { ctx, dispose } = testContext();
    try {
      ctx.env = { provider: 'test', urls: { edge: edgeUrl }, capabilities: new Set(['http']), releases: {}, controls: {} };
      const config = smokeConfigSchema.parse({ ui: false, pool: 'canary' });
      const observation = await smokeStage.run(ctx, config);
      expect(observation.target).toBe(edgeUrl);
      expect(seen.at(-1)).toEqual({ path: '/auth/register', pool: 'canary' });
      const [first] = smokeStage.evaluate(config, observation);
      expect(first).toMatchObject({ id: 'api:register', status: 'fail', observed: 503 });
      expect(first?.message).toContain('POST /auth/register answered 503 (no_healthy_instance)');
    } finally {
      await dispose();
    }
  });

  it('is inconclusive when there is nothing to smoke', async () => {
    const { ctx, dispose } = testContext();
    try {
      const config = smokeConfigSchema.parse({});
      expect(smokeStage.evaluate(config, await smokeStage.run(ctx, config))).toEqual([expect.objectContaining({ id: 'smoke:target', status: 'inconclusive' })]);
    } finally {
      await dispose();
    }
  });

  it('describes and plans itself from its config', () => {
    const config = smokeConfigSchema.parse({ pool: 'green', target: 'http://127.0.0.1:8080' });
    expect(smokeStage.describe(config)).toBe('the player journey over the API and in a real browser against http://127.0.0.1:8080, pinned to pool green');
    expect(smokeStage.plan(config).map((s) => s.title)).toEqual(['API journey', 'Browser journey (Playwright Test, Chromium)']);
    expect(smokeStage.plan({ ...config, ui: false })).toHaveLength(1);
  });
});
