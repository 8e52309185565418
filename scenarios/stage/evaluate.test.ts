import { describe, expect, it } from 'vitest';
import type { Check } from '../../core/check.ts';
import { newLoadRegistry } from '../engine/metrics.ts';
import { loadConfigSchema } from './config.ts';
import { evaluateLoad } from './evaluate.ts';
import type { LoadObservation, LoadSummary } from './observation.ts';

function observation(options: { latencies: number[]; serverErrors?: number; dropped?: number; sendLagP99?: number; replicas?: LoadSummary['replicas'] }): LoadObservation {
  const registry = newLoadRegistry();
  registry.add('dropped_iterations', options.dropped ?? 0, { scenario: 's' });
  options.latencies.forEach((ms, i) => {
    registry.add('http_reqs', 1, { flow: 'spin' });
    registry.add('http_req_duration', ms, { flow: 'spin' });
    registry.add('http_req_failed', i < (options.serverErrors ?? 0), { flow: 'spin' });
    registry.add('http_req_server_errors', i < (options.serverErrors ?? 0), { flow: 'spin' });
  });
  const lag = options.sendLagP99 ?? 0.5;
  const summary: LoadSummary = {
    backend: 'embedded', scenario: 's', executor: 'constant-arrival-rate', target: 'http://127.0.0.1:1',
    loadStartMs: 10_000, loadEndMs: 40_000, durationMs: 30_000, requests: options.latencies.length, iterations: options.latencies.length,
    scheduled: options.latencies.length + (options.dropped ?? 0), dropped: options.dropped ?? 0, vusMax: 10,
    latencyMs: { p50: null, p90: null, p95: null, p99: null, 'p99.9': null, max: null, avg: null }, failedRate: 0, serverErrorRate: 0,
    timeline: Array.from({ length: 30 }, (_, t) => ({ t, requests: 10, failed: 0, dropped: 0, iterations: 10, vus: 3, p50: 50, p95: t < 10 ? 900 : 150, p99: 200, max: 300 })),
    generator: { sendLagMs: { p50: 0.1, p99: lag, max: lag, samples: 1000 }, eventLoopDelayMs: { p50: 1, p99: 3, max: 9 }, threads: 1 },
  };
  if (options.replicas) summary.replicas = options.replicas;
  return { metrics: registry, summary };
}

const config = (input: Record<string, unknown> = {}) =>
  loadConfigSchema.parse({ scenario: { name: 's', executor: { executor: 'constant-arrival-rate', rate: 10, duration: '30s', preAllocatedVUs: 5 }, flows: [{ name: 'spin', steps: [{ name: 'spin', path: '/' }] }], thresholds: { 'http_req_duration{flow:spin}': ['p(95)<500'] } }, ...input });
const byId = (checks: Check[], id: string) => checks.find((c) => c.id === id);
const steady = Array.from({ length: 500 }, (_, i) => 100 + (i % 50));

describe('evaluateLoad', () => {
  it('passes a healthy run and judges the scenario thresholds', () => {
    const checks = evaluateLoad(config(), observation({ latencies: steady }));
    expect(byId(checks, 'load:dropped-iterations')?.status).toBe('pass');
    expect(byId(checks, 'load:generator-health')?.status).toBe('pass');
    expect(byId(checks, 'http_req_duration{flow:spin}:p(95)<500')?.status).toBe('pass');
    expect(byId(checks, 'baseline:comparison')).toMatchObject({ status: 'skipped', blocking: false });
  });

  it.each([
    ['dropped iterations fail', { latencies: steady, dropped: 3 }, 'load:dropped-iterations', 'fail', 'threshold_breached'],
    ['slow answers breach the threshold', { latencies: steady.map((v) => v * 10) }, 'http_req_duration{flow:spin}:p(95)<500', 'fail', 'threshold_breached'],
    ['a sick generator makes load checks inconclusive', { latencies: steady.map((v) => v * 10), sendLagP99: 80 }, 'http_req_duration{flow:spin}:p(95)<500', 'inconclusive', 'generator_unhealthy'],
    ['a sick generator is itself inconclusive', { latencies: steady, sendLagP99: 80 }, 'load:generator-health', 'inconclusive', 'generator_unhealthy'],
  ])('%s', (_, input, id, status, reason) => {
    expect(byId(evaluateLoad(config(), observation(input)), id)).toMatchObject({ status, reason });
  });

  it('applies the seed rule against the baseline: > 20% latency growth or > 10% 5xx growth is a regression', () => {
    const baseline = observation({ latencies: steady, serverErrors: 10 });
    const ok = evaluateLoad(config(), observation({ latencies: steady.map((v) => v * 1.1), serverErrors: 10 }), baseline);
    expect(ok.filter((c) => c.id.startsWith('baseline:')).map((c) => c.status)).toEqual(['pass', 'pass', 'pass']);
    const slower = evaluateLoad(config(), observation({ latencies: steady.map((v) => v * 1.3), serverErrors: 12 }), baseline);
    expect(byId(slower, 'baseline:http_req_duration:p(95) <= +20%')).toMatchObject({ status: 'fail', reason: 'regression' });
    expect(byId(slower, 'baseline:http_req_server_errors:rate <= +10%')).toMatchObject({ status: 'fail', reason: 'regression' });
    const few = evaluateLoad(config(), observation({ latencies: steady.slice(0, 20) }), baseline);
    expect(byId(few, 'baseline:http_req_duration:p(95) <= +20%')).toMatchObject({ status: 'inconclusive', reason: 'insufficient_samples' });
    expect(byId(evaluateLoad(config({ baseline: { mode: 'required' } }), observation({ latencies: steady })), 'baseline:comparison')).toMatchObject({ status: 'inconclusive', blocking: true });
  });

  it('judges autoscaling from the replica history; no history is inconclusive', () => {
    const autoscaling = { autoscaling: { expectedReplicas: 4, scaleOutWithin: '15s', scaleInWithin: '30s', p95SloMs: 300, settle: '2s' } };
    const good = evaluateLoad(config(autoscaling), observation({ latencies: steady, replicas: { history: [{ t: 9_000, replicas: 2 }, { t: 17_000, replicas: 4 }, { t: 50_000, replicas: 2 }] } }));
    expect(['autoscaling:scale-out', 'autoscaling:p95-after-scale-out', 'autoscaling:scale-in'].map((id) => byId(good, id)?.status)).toEqual(['pass', 'pass', 'pass']);
    const stuck = evaluateLoad(config(autoscaling), observation({ latencies: steady, replicas: { history: [{ t: 9_000, replicas: 2 }, { t: 30_000, replicas: 3 }, { t: 75_000, replicas: 3 }] } }));
    expect(byId(stuck, 'autoscaling:scale-out')).toMatchObject({ status: 'fail', reason: 'threshold_breached' });
    expect(byId(stuck, 'autoscaling:scale-in')?.status).toBe('fail');
    const none = evaluateLoad(config(autoscaling), observation({ latencies: steady }));
    expect(byId(none, 'autoscaling:scale-out')).toMatchObject({ status: 'inconclusive', reason: 'capability_missing' });
  });

  it('an observation without metrics is inconclusive, never a pass', () => {
    const checks = evaluateLoad(config(), { summary: { ...observation({ latencies: [] }).summary, unavailable: 'no environment', target: null } });
    expect(checks).toHaveLength(1);
    expect(checks[0]).toMatchObject({ status: 'inconclusive', reason: 'capability_missing' });
  });
});
