import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CleanupRegistry } from '../../core/cleanup/registry.ts';
import { silentLogger } from '../../core/logger.ts';
import type { RunContext } from '../../core/run-context.ts';
import type { Environment } from '../../staging/environment.ts';
import { rngStage } from './stage.ts';
import { aesCtrBytes } from './testing/generators.ts';

// Loopback rng instances: /good-1 and /good-2 are independent keystreams; /clone replays /good-1 (same seed);
// /down answers 503. Each serves its stream sequentially, like a real generator.
const STREAMS: Record<string, Uint8Array> = {
  '/good-1': aesCtrBytes(101, 200_000),
  '/good-2': aesCtrBytes(202, 200_000),
  '/clone': aesCtrBytes(101, 200_000),
};
let server: Server;
let base: string;
const served = new Map<string, number>();

beforeAll(async () => {
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const stream = STREAMS[url.pathname];
    if (!stream) {
      res.writeHead(503);
      res.end();
      return;
    }
    const n = Number(url.searchParams.get('bytes'));
    const from = served.get(url.pathname) ?? 0;
    served.set(url.pathname, from + n);
    res.writeHead(200, { 'content-type': 'application/octet-stream' });
    res.end(stream.subarray(from, from + n));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

function context(rngPaths?: string[]): RunContext {
  served.clear();
  const env: Environment | undefined = rngPaths
    ? { provider: 'test', urls: { edge: base, rng: rngPaths.map((p) => `${base}${p}`) }, capabilities: new Set(['rng-raw-output']), releases: {}, controls: {} }
    : undefined;
  return {
    runId: 'test-run',
    runDir: '/nonexistent/run',
    artifactsDir: '/nonexistent/run/rng',
    stateDir: '/nonexistent',
    signal: new AbortController().signal,
    clock: { now: () => 0, monotonic: () => 0, sleep: async () => {} },
    log: silentLogger,
    cleanup: new CleanupRegistry({ runId: 'test-run' }),
    adapters: { fetch: globalThis.fetch },
    ...(env ? { env } : {}),
    release: { candidate: { version: '1.5.0' } },
    profile: 'ci',
    progress: () => {},
    artifact: (p) => p,
  };
}

const config = rngStage.configSchema.parse({ bytes: 25_000 });

describe('rngStage', () => {
  it('validates its config with every issue at once and describes itself', () => {
    const parsed = rngStage.configSchema.safeParse({ confidence: 2, bytes: -1, correction: 'bonferroni', extra: true });
    expect(parsed.success).toBe(false);
    const paths = parsed.error!.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['confidence', 'bytes', 'correction', '']));
    expect(rngStage.describe(rngStage.configSchema.parse({ jurisdiction: 'US-PA' }))).toMatch(/95% confidence \(holm\)/);
    expect(rngStage.plan(config).length).toBeGreaterThan(0);
  });

  it('samples two independent instances over HTTP and passes', async () => {
    const observation = await rngStage.run(context(['/good-1', '/good-2']), config);
    const checks = rngStage.evaluate(config, observation);
    const overall = checks.find((c) => c.id === 'rng.battery')!;
    expect(overall.status).toBe('pass');
    expect(checks.find((c) => c.id === 'rng.cross-instance-independence')!.status).toBe('pass');
    const frequency = checks.find((c) => c.id === 'rng.frequency')!;
    expect(frequency.statistics).toMatchObject({ test: 'frequency', sampleSize: 200_000, confidence: 0.99, correction: expect.stringMatching(/Holm/) });
    expect(frequency.blocking).toBe(true);
    expect(checks.filter((c) => c.status === 'skipped').every((c) => !c.blocking)).toBe(true);
  });

  it('fails when a second instance emits the same stream as the first', async () => {
    const checks = rngStage.evaluate(config, await rngStage.run(context(['/good-1', '/clone']), config));
    expect(checks.find((c) => c.id === 'rng.cross-instance-independence')).toMatchObject({ status: 'fail', reason: 'threshold_breached' });
    expect(checks.find((c) => c.id === 'rng.battery')!.status).toBe('fail');
  });

  it('is inconclusive, never passing, without an rng service or when it cannot be sampled', async () => {
    const none = rngStage.evaluate(config, await rngStage.run(context(), config));
    expect(none).toMatchObject([{ id: 'rng.battery', status: 'inconclusive', reason: 'no_data', blocking: true }]);
    const down = rngStage.evaluate(config, await rngStage.run(context(['/down']), config));
    expect(down).toMatchObject([{ id: 'rng.battery', status: 'inconclusive', reason: 'provider_error' }]);
    expect(down[0]!.message).toMatch(/answered 503/);
  });
});
