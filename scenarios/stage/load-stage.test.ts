import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLoopbackServer, type LoopbackServer } from '../testing/loopback-server.ts';
import { testRunContext } from '../testing/run-context.ts';
import { loadStage } from './load-stage.ts';

let server: LoopbackServer;
beforeAll(async () => {
  server = await startLoopbackServer();
});
afterAll(() => server?.close());

const scenario = (path: string, thresholds: Record<string, unknown>, duration = '1s') => ({
  name: 'stage-test',
  executor: { executor: 'constant-arrival-rate', rate: 100, duration, preAllocatedVUs: 10, maxVUs: 100, gracefulStop: '2s' },
  flows: [{ name: 'f', steps: [{ name: 'call', path }] }],
  thresholds,
});

describe('loadStage', () => {
  it('runs against the edge, keeps the timeline and replica history, and judges thresholds', async () => {
    let reads = 0;
    const scaling = { autoscaler: async () => ({ history: [{ t: Date.now() - 60_000, replicas: 2, metric: 1, desired: 2 }, { t: Date.now() + 500 * ++reads, replicas: 2, metric: 1, desired: 2 }] }) };
    const ctx = testRunContext({ edge: server.url, controls: { scaling } });
    try {
      const config = loadStage.configSchema.parse({ scenario: scenario('/status/500', { http_req_failed: ['rate<0.01'], http_req_duration: ['p(95)<5000'] }), minSamples: 10, generator: { maxSendLagP99Ms: 60_000, maxEventLoopDelayP99Ms: 60_000 } });
      const observation = await loadStage.run(ctx, config);
      expect(observation.summary).toMatchObject({ requests: 100, dropped: 0, scheduled: 100, backend: 'embedded' });
      expect(observation.summary.timeline.length).toBeGreaterThanOrEqual(1);
      expect(observation.summary.replicas).toMatchObject({ history: [{ replicas: 2 }, { replicas: 2 }] });
      expect(existsSync(join(ctx.artifactsDir, 'load-timeline.json'))).toBe(true);
      const checks = loadStage.evaluate(config, observation);
      expect(checks.find((c) => c.id === 'http_req_failed:rate<0.01')).toMatchObject({ status: 'fail', observed: 1 });
      expect(checks.find((c) => c.id === 'http_req_duration:p(95)<5000')?.status).toBe('pass');
    } finally {
      ctx.dispose();
    }
  });

  it('abortOnFail stops the run early and the run check fails', async () => {
    const ctx = testRunContext({ edge: server.url });
    try {
      const config = loadStage.configSchema.parse({ scenario: scenario('/status/503', { http_req_failed: [{ threshold: 'rate<0.1', abortOnFail: true }] }, '8s') });
      const started = Date.now();
      const observation = await loadStage.run(ctx, config);
      expect(Date.now() - started).toBeLessThan(6_000);
      expect(observation.summary.aborted).toMatchObject({ by: 'threshold', thresholds: ['http_req_failed:rate<0.1'] });
      expect(observation.summary.requests).toBeLessThan(600);
      expect(loadStage.evaluate(config, observation).find((c) => c.id === 'load:ran')).toMatchObject({ status: 'fail', reason: 'threshold_breached' });
    } finally {
      ctx.dispose();
    }
  });

  it('without an environment it observes nothing and says so', async () => {
    const ctx = testRunContext();
    try {
      const config = loadStage.configSchema.parse({});
      const checks = loadStage.evaluate(config, await loadStage.run(ctx, config));
      expect(checks).toEqual([expect.objectContaining({ status: 'inconclusive', reason: 'capability_missing' })]);
    } finally {
      ctx.dispose();
    }
  });

  it('rejects bad config with every issue at its path', () => {
    const result = loadStage.configSchema.safeParse({ scenario: 'nope', workers: 0 });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual(expect.arrayContaining(['scenario', 'workers']));
    const nested = loadStage.configSchema.safeParse({ scenario: { ...scenario('/', {}), executor: { executor: 'constant-arrival-rate', rate: -1, duration: '1s', preAllocatedVUs: 1 } } });
    expect(nested.error?.issues.map((i) => i.path.join('.'))).toContain('scenario.executor.rate');
  });
});
