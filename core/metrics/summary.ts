import type { AggregationMethod, MetricContains, MetricDescriptor, MetricKey, MetricSource, MetricType, Tags } from '../metrics.ts';
import { canonicalMethod, formatMetricKey } from './metric-key.ts';

/** A source that can list what it holds; the registry is one. */
export interface EnumerableMetricSource extends MetricSource {
  keys(): readonly MetricKey[];
}

export interface MetricSummaryEntry {
  name: string;
  /** The sub-metric filter; `{}` for the whole metric. */
  tags: Tags;
  type: MetricType;
  contains: MetricContains;
  samples: number;
  /** Aggregates by method (`count`, `p(95)`, …); a method without a value is absent, never null or NaN. */
  values: Record<string, number>;
}

/** JSON-safe metrics of a run, kept in its report so a later run can use it as its baseline. */
export interface MetricsSummary {
  version: 1;
  descriptors: MetricDescriptor[];
  /** Keyed by `name` or `name{tag:value,...}` (tags sorted). */
  metrics: Record<string, MetricSummaryEntry>;
}

const TREND_METHODS: readonly AggregationMethod[] = ['avg', 'min', 'max', 'med', 'p(50)', 'p(90)', 'p(95)', 'p(99)', 'p(99.9)'];

export const DEFAULT_SUMMARY_METHODS: Readonly<Record<MetricType, readonly AggregationMethod[]>> = {
  counter: ['count', 'rate'],
  gauge: ['value', 'min', 'max'],
  rate: ['rate'],
  trend: TREND_METHODS,
};

/**
 * Summarizes every key of `source` plus `extraKeys` (the sub-metrics thresholds filter on: a stored summary
 * can only answer keys it holds). `methods` are computed besides each type's defaults where they apply.
 */
export function summarizeMetrics(
  source: EnumerableMetricSource,
  methods: readonly AggregationMethod[] = [],
  extraKeys: readonly MetricKey[] = [],
): MetricsSummary {
  const metrics: Record<string, MetricSummaryEntry> = {};
  const descriptors = new Map<string, MetricDescriptor>();
  for (const key of [...source.keys(), ...extraKeys]) {
    const descriptor = source.descriptor(key.name);
    if (!descriptor) continue;
    descriptors.set(descriptor.name, descriptor);
    const values: Record<string, number> = {};
    for (const method of new Set([...DEFAULT_SUMMARY_METHODS[descriptor.type], ...methods].map(canonicalMethod))) {
      const value = source.aggregate(key, method);
      if (value !== undefined && Number.isFinite(value)) values[method] = value;
    }
    metrics[formatMetricKey(key)] = {
      name: key.name,
      tags: { ...key.tags },
      type: descriptor.type,
      contains: descriptor.contains ?? 'default',
      samples: source.samples(key),
      values,
    };
  }
  return { version: 1, descriptors: [...descriptors.values()].map(plainDescriptor), metrics };
}

/**
 * A stored summary as a metric source (a baseline). Keys and aggregates the summary does not hold are
 * no data (0 samples, undefined), which thresholds turn into inconclusive, never pass.
 */
export function metricSourceFromSummary(summary: MetricsSummary): EnumerableMetricSource {
  const descriptors = new Map(summary.descriptors.map((descriptor) => [descriptor.name, descriptor]));
  const entry = (key: MetricKey) => summary.metrics[formatMetricKey(key)];
  return {
    descriptor: (name) => descriptors.get(name),
    keys: () => Object.values(summary.metrics).map(({ name, tags }) => ({ name, tags })),
    samples: (key) => entry(key)?.samples ?? 0,
    aggregate(key, method) {
      const found = entry(key);
      if (!found || found.samples <= 0) return undefined;
      const canonical = canonicalMethod(method);
      const value = found.values[canonical] ?? (canonical === 'med' ? found.values['p(50)'] : canonical === 'p(50)' ? found.values['med'] : undefined);
      return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
    },
  };
}

function plainDescriptor(descriptor: MetricDescriptor): MetricDescriptor {
  const plain: MetricDescriptor = { name: descriptor.name, type: descriptor.type };
  if (descriptor.contains) plain.contains = descriptor.contains;
  if (descriptor.tags) plain.tags = [...descriptor.tags];
  if (descriptor.description) plain.description = descriptor.description;
  return plain;
}
