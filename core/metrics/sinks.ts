import type { MetricDescriptor } from '../metrics.ts';
import { HdrTrendSink } from './hdr-trend-sink.ts';
import { ExactTrendSink, assertFiniteSample, type TrendSink, type TrendSinkKind } from './trend-sink.ts';

/** Counter: adds. `samples` counts the adds, `sum` is k6's `count`. */
export interface CounterSink {
  type: 'counter';
  samples: number;
  sum: number;
}

/** Gauge: keeps the last value written and the extremes. `order` says which write was last across tag sets. */
export interface GaugeSink {
  type: 'gauge';
  samples: number;
  last: number;
  order: number;
  min: number;
  max: number;
}

/** Rate: the share of non-zero samples. */
export interface RateSink {
  type: 'rate';
  samples: number;
  trues: number;
}

export interface TrendMetricSink {
  type: 'trend';
  trend: TrendSink;
}

export type MetricSink = CounterSink | GaugeSink | RateSink | TrendMetricSink;

export function newSink(descriptor: MetricDescriptor, trendKind: TrendSinkKind): MetricSink {
  switch (descriptor.type) {
    case 'counter':
      return { type: 'counter', samples: 0, sum: 0 };
    case 'gauge':
      return { type: 'gauge', samples: 0, last: 0, order: -1, min: Infinity, max: -Infinity };
    case 'rate':
      return { type: 'rate', samples: 0, trues: 0 };
    case 'trend':
      return { type: 'trend', trend: newTrendSink(trendKind, descriptor) };
  }
}

export function newTrendSink(kind: TrendSinkKind, descriptor: MetricDescriptor): TrendSink {
  if (kind === 'exact') return new ExactTrendSink();
  // Time trends are ms recorded as µs; data trends are whole bytes; anything else keeps 3 decimals.
  return new HdrTrendSink({ scale: descriptor.contains === 'data' ? 1 : 1000 });
}

export function sinkSamples(sink: MetricSink): number {
  return sink.type === 'trend' ? sink.trend.count() : sink.samples;
}

/** Routes one write by metric type. `order` is a registry-wide sequence number (gauges keep the latest). */
export function addToSink(sink: MetricSink, name: string, value: number | boolean, order: number): void {
  if (sink.type === 'rate') {
    const numeric = typeof value === 'boolean' ? Number(value) : value;
    assertFiniteSample(numeric, `rate "${name}"`);
    sink.samples += 1;
    if (numeric !== 0) sink.trues += 1;
    return;
  }
  if (typeof value !== 'number') throw new TypeError(`${sink.type} "${name}" takes numbers, got ${typeof value}`);
  assertFiniteSample(value, `${sink.type} "${name}"`);
  switch (sink.type) {
    case 'counter':
      sink.samples += 1;
      sink.sum += value;
      return;
    case 'gauge':
      sink.samples += 1;
      sink.last = value;
      sink.order = order;
      sink.min = Math.min(sink.min, value);
      sink.max = Math.max(sink.max, value);
      return;
    case 'trend':
      sink.trend.add(value);
      return;
  }
}

/** Folds `from` into `into` (same metric type). */
export function mergeSinkInto(into: MetricSink, from: MetricSink): void {
  if (into.type === 'counter' && from.type === 'counter') {
    into.samples += from.samples;
    into.sum += from.sum;
  } else if (into.type === 'gauge' && from.type === 'gauge') {
    into.samples += from.samples;
    if (from.samples > 0 && from.order >= into.order) {
      into.last = from.last;
      into.order = from.order;
    }
    into.min = Math.min(into.min, from.min);
    into.max = Math.max(into.max, from.max);
  } else if (into.type === 'rate' && from.type === 'rate') {
    into.samples += from.samples;
    into.trues += from.trues;
  } else if (into.type === 'trend' && from.type === 'trend') {
    into.trend.merge(from.trend);
  } else {
    throw new TypeError(`cannot merge a ${from.type} sink into a ${into.type} sink`);
  }
}
