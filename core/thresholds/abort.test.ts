import { describe, expect, it } from 'vitest';
import type { MetricDescriptor } from '../metrics.ts';
import { MetricRegistry } from '../metrics/index.ts';
import { shouldAbort } from './abort.ts';
import type { ThresholdsSpec } from './spec.ts';

const METRICS: MetricDescriptor[] = [
  { name: 'dropped_iterations', type: 'counter' },
  { name: 'http_req_failed', type: 'rate' },
  { name: 'http_req_duration', type: 'trend', contains: 'time' },
];

function current(): MetricRegistry {
  const metrics = new MetricRegistry(METRICS);
  metrics.add('dropped_iterations', 2);
  for (const failed of [true, true, false, false]) metrics.add('http_req_failed', failed);
  return metrics;
}

const spec: ThresholdsSpec = {
  dropped_iterations: [{ threshold: 'count<1', abortOnFail: true }],
  http_req_failed: [{ threshold: 'rate<0.1', abortOnFail: true, delayAbortEval: '30s' }, 'rate<0.01'],
  http_req_duration: [{ threshold: 'p(95)<300', abortOnFail: true }],
};

const timeline: Array<[number, string[]]> = [
  [0, ['dropped_iterations:count<1']],
  [30_000, ['dropped_iterations:count<1']],
  [30_001, ['dropped_iterations:count<1', 'http_req_failed:rate<0.1']],
];

describe('shouldAbort', () => {
  it.each(timeline)('at %i ms aborts on %j', (elapsedMs, ids) => {
    expect(shouldAbort(spec, current(), elapsedMs).map((decision) => decision.id)).toEqual(ids);
  });

  it('carries the failing check', () => {
    const [decision] = shouldAbort(spec, current(), 0);
    expect(decision?.check).toMatchObject({ status: 'fail', observed: 2, reason: 'threshold_breached' });
  });

  it('does not abort on passing, empty or non-abort thresholds', () => {
    const healthy = new MetricRegistry(METRICS);
    healthy.add('dropped_iterations', 0);
    healthy.add('http_req_failed', false);
    expect(shouldAbort(spec, healthy, 60_000)).toEqual([]);
    expect(shouldAbort({ http_req_failed: ['rate<0.01'] }, current(), 60_000)).toEqual([]);
  });

  it('never aborts on a grace it cannot read', () => {
    const bad: ThresholdsSpec = { dropped_iterations: [{ threshold: 'count<1', abortOnFail: true, delayAbortEval: 'soon' }] };
    expect(shouldAbort(bad, current(), 1e9)).toEqual([]);
  });
});
