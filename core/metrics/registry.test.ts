import { describe, expect, it } from 'vitest';
import type { AggregationMethod, MetricDescriptor, Tags } from '../metrics.ts';
import { MetricRegistry, UnknownMetricError } from './registry.ts';
import { manualClock } from './test-clock.ts';

const METRICS: MetricDescriptor[] = [
  { name: 'iterations', type: 'counter' },
  { name: 'vus', type: 'gauge' },
  { name: 'http_req_failed', type: 'rate', tags: ['flow'] },
  { name: 'http_req_duration', type: 'trend', contains: 'time', tags: ['flow', 'status'] },
];

function filled(): { registry: MetricRegistry; clock: ReturnType<typeof manualClock> } {
  const clock = manualClock();
  const registry = new MetricRegistry(METRICS, { clock });
  for (const value of [5, 2, 3]) registry.add('iterations', value);
  for (const value of [4, 9, 1, 6]) registry.add('vus', value);
  for (const failed of [true, false, false, 1, 0]) registry.add('http_req_failed', failed, { flow: 'spin' });
  const durations: Array<[number, Tags]> = [
    [100, { flow: 'deposit', status: '200' }],
    [300, { flow: 'deposit', status: '500' }],
    [200, { flow: 'deposit', status: '200' }],
    [50, { flow: 'spin', status: '200' }],
    [10, {}],
  ];
  for (const [value, tags] of durations) registry.add('http_req_duration', value, tags);
  clock.advance(2_000);
  return { registry, clock };
}

const whole = (name: string, tags: Tags = {}) => ({ name, tags });

const aggregates: Array<[string, Tags, AggregationMethod, number | undefined]> = [
  ['iterations', {}, 'count', 10],
  ['iterations', {}, 'rate', 5],
  ['iterations', {}, 'avg', undefined],
  ['vus', {}, 'value', 6],
  ['vus', {}, 'min', 1],
  ['vus', {}, 'max', 9],
  ['vus', {}, 'count', undefined],
  ['http_req_failed', {}, 'rate', 0.4],
  ['http_req_failed', { flow: 'spin' }, 'rate', 0.4],
  ['http_req_failed', { flow: 'deposit' }, 'rate', undefined],
  ['http_req_duration', {}, 'avg', 132],
  ['http_req_duration', {}, 'min', 10],
  ['http_req_duration', {}, 'max', 300],
  ['http_req_duration', {}, 'med', 100],
  ['http_req_duration', {}, 'p(75)', 200],
  ['http_req_duration', {}, 'p(95)', 280],
  ['http_req_duration', {}, 'count', undefined],
  ['http_req_duration', { flow: 'deposit' }, 'avg', 200],
  ['http_req_duration', { flow: 'deposit' }, 'p(50)', 200],
  ['http_req_duration', { flow: 'deposit', status: '200' }, 'max', 200],
  ['http_req_duration', { status: '200' }, 'min', 50],
  ['http_req_duration', { flow: 'spin', status: '500' }, 'avg', undefined],
  ['nope', {}, 'count', undefined],
];

describe('MetricRegistry', () => {
  it.each(aggregates)('%s %j %s → %s', (name, tags, method, expected) => {
    const { registry } = filled();
    const value = registry.aggregate(whole(name, tags), method);
    if (expected === undefined) expect(value).toBeUndefined();
    else expect(value).toBeCloseTo(expected, 10);
  });

  it('counts the samples behind each (sub-)metric key', () => {
    const { registry } = filled();
    expect(registry.samples(whole('http_req_duration'))).toBe(5);
    expect(registry.samples(whole('http_req_duration', { flow: 'deposit' }))).toBe(3);
    expect(registry.samples(whole('http_req_duration', { status: '200', flow: 'deposit' }))).toBe(2);
    expect(registry.samples(whole('http_req_duration', { flow: 'withdraw' }))).toBe(0);
    expect(registry.samples(whole('unknown'))).toBe(0);
  });

  it('divides a counter rate by the time until freeze()', () => {
    const { registry, clock } = filled();
    registry.freeze();
    clock.advance(8_000);
    expect(registry.elapsedMs()).toBe(2_000);
    expect(registry.aggregate(whole('iterations'), 'rate')).toBe(5);
  });

  it('has no counter rate before any time passed', () => {
    const registry = new MetricRegistry(METRICS, { clock: manualClock() });
    registry.add('iterations', 1);
    expect(registry.aggregate(whole('iterations'), 'rate')).toBeUndefined();
  });

  it('sees samples added after an aggregate was read', () => {
    const { registry } = filled();
    expect(registry.aggregate(whole('http_req_duration'), 'max')).toBe(300);
    registry.add('http_req_duration', 900, { flow: 'spin' });
    expect(registry.aggregate(whole('http_req_duration'), 'max')).toBe(900);
  });

  it('writes through a bound series like add() does', () => {
    const registry = new MetricRegistry(METRICS);
    const deposit = registry.bind('http_req_duration', { flow: 'deposit', status: '200' });
    deposit(40);
    registry.add('http_req_duration', 60, { status: '200', flow: 'deposit' });
    expect(registry.aggregate(whole('http_req_duration', { flow: 'deposit' }), 'avg')).toBe(50);
    expect(registry.samples(whole('http_req_duration'))).toBe(2);
    expect(() => registry.bind('http_reqs')).toThrow(UnknownMetricError);
    expect(() => deposit(Number.NaN)).toThrow(RangeError);
  });

  it('throws on unknown metrics and bad values (a bug in the emitter)', () => {
    const registry = new MetricRegistry(METRICS);
    expect(() => registry.add('http_reqs', 1)).toThrow(UnknownMetricError);
    expect(() => registry.add('http_reqs', 1)).toThrow('metric "http_reqs" is not declared; declared metrics: iterations, vus, http_req_failed, http_req_duration');
    expect(() => registry.add('iterations', Number.NaN)).toThrow(RangeError);
    expect(() => registry.add('http_req_duration', true)).toThrow(TypeError);
    expect(() => new MetricRegistry([METRICS[0]!, METRICS[0]!])).toThrow('declared twice');
  });

  it('uses the HDR sink where asked and merges worker snapshots', () => {
    const clock = manualClock();
    const main = new MetricRegistry(METRICS, { clock, trendSink: (descriptor) => (descriptor.contains === 'time' ? 'hdr' : 'exact') });
    const worker = new MetricRegistry(METRICS, { trendSink: 'hdr' });
    main.add('http_req_duration', 100, { flow: 'spin' });
    main.add('vus', 3);
    worker.add('http_req_duration', 300, { flow: 'spin' });
    worker.add('http_req_duration', 200, { flow: 'deposit' });
    worker.add('iterations', 4);
    worker.add('vus', 7);
    main.mergeSnapshot(structuredClone(worker.snapshot()));
    clock.advance(1_000);
    expect(main.trendSink(whole('http_req_duration'))?.kind).toBe('hdr');
    expect(main.samples(whole('http_req_duration'))).toBe(3);
    expect(main.aggregate(whole('http_req_duration', { flow: 'spin' }), 'max')).toBe(300);
    expect(main.aggregate(whole('http_req_duration'), 'avg')).toBe(200);
    expect(main.aggregate(whole('iterations'), 'count')).toBe(4);
    expect(main.aggregate(whole('vus'), 'value')).toBe(7);
    expect(main.aggregate(whole('vus'), 'min')).toBe(3);
  });

  it('refuses a snapshot whose trend kind differs from the registry', () => {
    const exact = new MetricRegistry(METRICS);
    const hdr = new MetricRegistry(METRICS, { trendSink: 'hdr' });
    hdr.add('http_req_duration', 5);
    expect(() => exact.mergeSnapshot(hdr.snapshot())).toThrow(TypeError);
  });
});
