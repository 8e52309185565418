import { describe, expect, it } from 'vitest';
import type { CheckStatus, ReasonCode } from '../check.ts';
import type { MetricDescriptor, MetricSource } from '../metrics.ts';
import { MetricRegistry, metricSourceFromSummary, summarizeMetrics } from '../metrics/index.ts';
import { manualClock } from '../metrics/test-clock.ts';
import { evaluateThresholds, type EvaluateThresholdsOptions } from './evaluate.ts';
import type { ThresholdsSpec } from './spec.ts';

const METRICS: MetricDescriptor[] = [
  { name: 'http_req_duration', type: 'trend', contains: 'time', tags: ['flow', 'status'] },
  { name: 'response_bytes', type: 'trend', contains: 'data' },
  { name: 'http_req_failed', type: 'rate', tags: ['flow'] },
  { name: 'payments_failed', type: 'counter' },
  { name: 'vus', type: 'gauge' },
  { name: 'silent', type: 'trend', contains: 'time' },
];

/** Durations 10..100 ms (×scale), 1 of 4 requests failed, 3 failed payments in 2 s, 7 VUs. */
function run(scale = 1, failures = [true, false, false, false], payments = 3): MetricRegistry {
  const clock = manualClock();
  const metrics = new MetricRegistry(METRICS, { clock });
  for (let i = 1; i <= 10; i += 1) {
    const tags = i <= 4 ? { flow: 'deposit', status: i === 4 ? '500' : '200' } : { flow: 'spin', status: '200' };
    metrics.add('http_req_duration', i * 10 * scale, tags);
  }
  metrics.add('response_bytes', 2048);
  failures.forEach((failed) => metrics.add('http_req_failed', failed, { flow: 'spin' }));
  metrics.add('payments_failed', payments);
  metrics.add('vus', 3);
  metrics.add('vus', 7);
  clock.advance(2_000);
  metrics.freeze();
  return metrics;
}

function judge(key: string, expression: string, source: MetricSource, options: EvaluateThresholdsOptions = {}) {
  const checks = evaluateThresholds({ [key]: [expression] } as ThresholdsSpec, source, options);
  expect(checks).toHaveLength(1);
  return checks[0]!;
}

// avg 55, min 10, max 100, med 55, p(90) 91, p(95) 95.5; rate 0.25; count 3, counter rate 1.5/s; gauge 7.
const absolute: Array<[string, string, CheckStatus]> = [
  ['http_req_duration', 'avg<56', 'pass'],
  ['http_req_duration', 'avg<55', 'fail'],
  ['http_req_duration', 'min>=10', 'pass'],
  ['http_req_duration', 'min>10', 'fail'],
  ['http_req_duration', 'max<=100', 'pass'],
  ['http_req_duration', 'max<100', 'fail'],
  ['http_req_duration', 'med==55', 'pass'],
  ['http_req_duration', 'med===54', 'fail'],
  ['http_req_duration', 'p(90)!=90', 'pass'],
  ['http_req_duration', 'p(90)!=91', 'fail'],
  ['http_req_duration', 'p(95)<96', 'pass'],
  ['http_req_duration', 'p(95)<95.4', 'fail'],
  ['http_req_duration', 'p(95)>95', 'pass'],
  ['http_req_duration', 'p(99.9)<=99.9', 'fail'],
  ['http_req_failed', 'rate<0.3', 'pass'],
  ['http_req_failed', 'rate<0.25', 'fail'],
  ['payments_failed', 'count<=3', 'pass'],
  ['payments_failed', 'count<1', 'fail'],
  ['payments_failed', 'rate==1.5', 'pass'],
  ['payments_failed', 'rate>2', 'fail'],
  ['vus', 'value>=7', 'pass'],
  ['vus', 'value<7', 'fail'],
  // Tagged sub-metrics: {flow:deposit} is 10, 20, 30 (status 200) and 40 (status 500).
  ['http_req_duration{flow:deposit}', 'max<=40', 'pass'],
  ['http_req_duration{flow:deposit}', 'avg>25', 'fail'],
  ['http_req_duration{flow:deposit,status:200}', 'max<40', 'pass'],
  ['http_req_duration{status:200,flow:deposit}', 'avg!=20', 'fail'],
  ['http_req_duration{status:500}', 'min>=40', 'pass'],
  ['http_req_failed{flow:spin}', 'rate>0.2', 'pass'],
];

describe('evaluateThresholds: absolute thresholds', () => {
  const current = run();
  it.each(absolute)('%s %s → %s', (key, expression, status) => {
    const result = judge(key, expression, current);
    expect(result.status).toBe(status);
    expect(result.reason).toBe(status === 'fail' ? 'threshold_breached' : undefined);
    expect(result.samples).toBeGreaterThan(0);
  });

  it('describes the check in plain words with the unit', () => {
    expect(judge('http_req_duration{flow:deposit}', 'p(95)<30', current)).toEqual({
      id: 'http_req_duration{flow:deposit}:p(95)<30',
      title: '95th percentile of http_req_duration (flow=deposit) below 30 ms',
      status: 'fail',
      blocking: true,
      observed: 38.5,
      unit: 'ms',
      threshold: 'p(95)<30',
      message: 'p(95) of http_req_duration (flow=deposit) was 38.5 ms over 4 samples, breaching p(95)<30',
      reason: 'threshold_breached',
      samples: 4,
      evidence: [],
    });
    expect(judge('payments_failed', 'rate<2', current)).toMatchObject({ title: 'rate per second of payments_failed below 2/s', unit: '/s', observed: 1.5 });
    expect(judge('response_bytes', 'max<=4096', current)).toMatchObject({ title: 'maximum of response_bytes at most 4096 B', unit: 'B' });
  });

  it('honours blocking and unitFor', () => {
    const result = judge('http_req_duration', 'avg<100', current, { blocking: false, unitFor: () => 'milliseconds' });
    expect(result).toMatchObject({ blocking: false, unit: 'milliseconds', status: 'pass' });
  });

  it('keeps one check per expression, in order, several per key', () => {
    const checks = evaluateThresholds({ http_req_duration: ['p(95)<300', 'avg<10'], vus: ['value<100'] }, current);
    expect(checks.map((check) => `${check.id}=${check.status}`)).toEqual([
      'http_req_duration:p(95)<300=pass',
      'http_req_duration:avg<10=fail',
      'vus:value<100=pass',
    ]);
  });
});

describe('evaluateThresholds: relative thresholds', () => {
  // Baseline durations are 0.8× the current ones: every trend aggregate grew by 25%. Baseline failure rate 0.5.
  const current = run();
  const baseline = metricSourceFromSummary(summarizeMetrics(run(0.8, [true, false, true, false], 0), ['p(97)']));
  const relative: Array<[string, string, EvaluateThresholdsOptions, CheckStatus, ReasonCode | undefined, string]> = [
    ['http_req_duration', 'p(95) <= +30%', { baseline }, 'pass', undefined, 'p(95) of http_req_duration was 95.5 ms against a baseline of 76.4 ms (+25%), within p(95) <= +30%'],
    ['http_req_duration', 'p(95) <= +20%', { baseline }, 'fail', 'regression', 'p(95) of http_req_duration was 95.5 ms against a baseline of 76.4 ms (+25%), breaching p(95) <= +20%'],
    ['http_req_duration', 'avg < -5%', { baseline }, 'fail', 'regression', 'avg of http_req_duration was 55 ms against a baseline of 44 ms (+25%), breaching avg < -5%'],
    ['http_req_failed', 'rate < -5%', { baseline }, 'pass', undefined, 'rate of http_req_failed was 0.25 against a baseline of 0.5 (-50%), within rate < -5%'],
    ['http_req_failed', 'rate >= -10%', { baseline }, 'fail', 'regression', 'rate of http_req_failed was 0.25 against a baseline of 0.5 (-50%), breaching rate >= -10%'],
    ['payments_failed', 'count <= +10%', { baseline }, 'fail', 'regression', 'count of payments_failed was 3 against a baseline of 0 (+∞%), breaching count <= +10%'],
    ['http_req_duration', 'p(95) <= +20%', {}, 'inconclusive', 'baseline_missing', 'no baseline run to compare p(95) of http_req_duration with; cannot judge p(95) <= +20%'],
    ['http_req_duration{flow:deposit}', 'p(95) <= +20%', { baseline }, 'inconclusive', 'baseline_missing', 'the baseline has no p(95) of http_req_duration (flow=deposit); cannot judge p(95) <= +20%'],
    ['http_req_duration', 'p(96) <= +20%', { baseline }, 'inconclusive', 'baseline_missing', 'the baseline has no p(96) of http_req_duration; cannot judge p(96) <= +20%'],
    ['http_req_duration', 'p(95) <= +20%', { baseline, minSamples: 10 }, 'fail', 'regression', 'p(95) of http_req_duration was 95.5 ms against a baseline of 76.4 ms (+25%), breaching p(95) <= +20%'],
  ];

  it.each(relative)('%s %s → %s %s', (key, expression, options, status, reason, message) => {
    const result = judge(key, expression, current, options);
    expect({ status: result.status, reason: result.reason, message: result.message }).toEqual({ status, reason, message });
  });

  it('reads a zero baseline as 0% when nothing changed and as unbounded growth otherwise', () => {
    const zero = run(1, [false, false], 0);
    expect(judge('payments_failed', 'count <= +10%', zero, { baseline }).status).toBe('pass');
    expect(judge('payments_failed', 'count >= -10%', current, { baseline }).status).toBe('pass');
    expect(judge('payments_failed', 'count <= +1000000%', current, { baseline }).status).toBe('fail');
  });

  it('titles a relative check against the baseline', () => {
    expect(judge('http_req_duration', 'p(99.9) <= +20%', current, { baseline }).title).toBe('99.9th percentile of http_req_duration at most +20% vs the baseline');
  });
});

describe('evaluateThresholds: fail-closed', () => {
  const current = run();

  const cases: Array<[string, string, EvaluateThresholdsOptions, CheckStatus, ReasonCode, string]> = [
    ['silent', 'p(95)<300', {}, 'inconclusive', 'no_data', 'no samples of silent were recorded; cannot judge p(95)<300'],
    ['unknown_metric', 'avg<1', {}, 'inconclusive', 'no_data', 'no samples of unknown_metric were recorded; cannot judge avg<1'],
    ['http_req_duration{flow:withdraw}', 'avg<1000', {}, 'inconclusive', 'no_data', 'no samples of http_req_duration (flow=withdraw) were recorded; cannot judge avg<1000'],
    ['http_req_duration', 'count<1000', {}, 'inconclusive', 'no_data', 'count of http_req_duration has no value (10 samples); cannot judge count<1000'],
    ['http_req_duration', 'p(95)<300', { minSamples: 50 }, 'inconclusive', 'insufficient_samples', 'only 10 samples of http_req_duration (at least 50 needed); cannot judge p(95)<300'],
    ['http_req_failed', 'rate<0.5', { minSamples: 5 }, 'inconclusive', 'insufficient_samples', 'only 4 samples of http_req_failed (at least 5 needed); cannot judge rate<0.5'],
    ['http_req_duration', 'p(95<300', {}, 'error', 'harness_error', 'threshold "http_req_duration:p(95<300" is malformed (column 3: expected ")" after percentile); it should have been rejected before the run'],
    ['http_req_duration{flow', 'avg<1', {}, 'error', 'harness_error', 'threshold "http_req_duration{flow:avg<1" is malformed (column 22: expected "}" to close the tag filter); it should have been rejected before the run'],
  ];

  it.each(cases)('%s %s → %s %s', (key, expression, options, status, reason, message) => {
    const result = judge(key, expression, current, options);
    expect({ status: result.status, reason: result.reason, message: result.message, observed: result.observed }).toEqual({ status, reason, message, observed: null });
  });

  it('exempts counters and gauges from minSamples (one add is a whole count)', () => {
    expect(judge('payments_failed', 'count<10', current, { minSamples: 50 }).status).toBe('pass');
    expect(judge('vus', 'value<10', current, { minSamples: 50 }).status).toBe('pass');
  });

  it('never passes NaN', () => {
    const nan: MetricSource = { descriptor: () => METRICS[0], samples: () => 100, aggregate: () => Number.NaN };
    for (const expression of ['avg<1', 'avg>1', 'avg!=1', 'avg <= +20%']) {
      const result = judge('http_req_duration', expression, nan, { baseline: current });
      expect(result.status, expression).toBe('inconclusive');
    }
    const nanBaseline: MetricSource = { ...nan, aggregate: (key, method) => (method === 'avg' ? Number.NaN : 1) };
    expect(judge('http_req_duration', 'avg <= +20%', current, { baseline: nanBaseline }).reason).toBe('baseline_missing');
  });
});
