import { describe, expect, it } from 'vitest';
import { ConfigError } from '../errors.ts';
import type { AggregationMethod, MetricDescriptor, MetricKey } from '../metrics.ts';
import { MetricRegistry } from './registry.ts';
import { parseMetricsSummary } from './summary-schema.ts';
import { metricSourceFromSummary, summarizeMetrics } from './summary.ts';
import { manualClock } from './test-clock.ts';

const METRICS: MetricDescriptor[] = [
  { name: 'payments_failed', type: 'counter' },
  { name: 'vus', type: 'gauge' },
  { name: 'http_req_failed', type: 'rate', tags: ['flow'] },
  { name: 'http_req_duration', type: 'trend', contains: 'time', tags: ['flow'] },
  { name: 'never_written', type: 'trend' },
];

function registry(): MetricRegistry {
  const clock = manualClock();
  const metrics = new MetricRegistry(METRICS, { clock });
  metrics.add('payments_failed', 3);
  metrics.add('vus', 10);
  metrics.add('vus', 4);
  for (let i = 0; i < 200; i += 1) {
    const flow = i % 4 === 0 ? 'deposit' : 'spin';
    metrics.add('http_req_duration', 20 + ((i * 37) % 300), { flow });
    metrics.add('http_req_failed', i % 25 === 0, { flow });
  }
  clock.advance(4_000);
  metrics.freeze();
  return metrics;
}

const deposit: MetricKey = { name: 'http_req_duration', tags: { flow: 'deposit' } };
const checks: Array<[MetricKey, AggregationMethod]> = [
  [{ name: 'payments_failed', tags: {} }, 'count'],
  [{ name: 'payments_failed', tags: {} }, 'rate'],
  [{ name: 'vus', tags: {} }, 'value'],
  [{ name: 'vus', tags: {} }, 'max'],
  [{ name: 'http_req_failed', tags: {} }, 'rate'],
  ...(['avg', 'min', 'max', 'med', 'p(90)', 'p(95)', 'p(99)', 'p(99.9)', 'p(97)'] as const).map(
    (method): [MetricKey, AggregationMethod] => [{ name: 'http_req_duration', tags: {} }, method],
  ),
  [deposit, 'p(95)'],
  [deposit, 'avg'],
];

describe('summarizeMetrics / metricSourceFromSummary', () => {
  it('round-trips every aggregate through JSON', () => {
    const live = registry();
    const summary = summarizeMetrics(live, ['p(97)'], [deposit]);
    const stored = metricSourceFromSummary(parseMetricsSummary(JSON.parse(JSON.stringify(summary))));
    for (const [key, method] of checks) {
      const expected = live.aggregate(key, method);
      expect(expected, `${key.name} ${method}`).toBeTypeOf('number');
      expect(stored.aggregate(key, method), `${key.name} ${method}`).toBe(expected);
      expect(stored.samples(key)).toBe(live.samples(key));
    }
    expect(stored.descriptor('http_req_duration')).toEqual(METRICS[3]);
  });

  it('stores the k6-like shape per key', () => {
    const summary = summarizeMetrics(registry(), [], [deposit]);
    expect(Object.keys(summary.metrics)).toEqual([
      'payments_failed',
      'vus',
      'http_req_failed',
      'http_req_duration',
      'never_written',
      'http_req_duration{flow:deposit}',
    ]);
    expect(summary.metrics['payments_failed']).toEqual({
      name: 'payments_failed',
      tags: {},
      type: 'counter',
      contains: 'default',
      samples: 1,
      values: { count: 3, rate: 0.75 },
    });
    expect(Object.keys(summary.metrics['http_req_duration']?.values ?? {})).toEqual([
      'avg', 'min', 'max', 'med', 'p(50)', 'p(90)', 'p(95)', 'p(99)', 'p(99.9)',
    ]);
    expect(summary.metrics['never_written']).toMatchObject({ samples: 0, values: {} });
  });

  it('answers undefined for what the summary does not hold (no data, never a pass)', () => {
    const stored = metricSourceFromSummary(summarizeMetrics(registry()));
    expect(stored.aggregate({ name: 'http_req_duration', tags: {} }, 'p(97)')).toBeUndefined();
    expect(stored.aggregate(deposit, 'avg')).toBeUndefined();
    expect(stored.samples(deposit)).toBe(0);
    expect(stored.aggregate({ name: 'never_written', tags: {} }, 'avg')).toBeUndefined();
    expect(stored.aggregate({ name: 'missing', tags: {} }, 'count')).toBeUndefined();
    expect(stored.descriptor('missing')).toBeUndefined();
  });

  it('rejects a malformed stored summary with every path', () => {
    const broken = { version: 1, descriptors: [{ name: 'x', type: 'histogram' }], metrics: { x: { name: 'x', tags: {}, type: 'trend', contains: 'time', samples: -1, values: { avg: 'fast' } } } };
    let caught: unknown;
    try {
      parseMetricsSummary(broken, 'baseline/report.json', 'metrics');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const paths = (caught as ConfigError).issues.map((issue) => `${issue.file}: ${issue.path}`);
    expect(paths).toEqual([
      'baseline/report.json: metrics.descriptors.0.type',
      'baseline/report.json: metrics.metrics.x.samples',
      'baseline/report.json: metrics.metrics.x.values.avg',
    ]);
  });
});
