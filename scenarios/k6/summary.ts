import type { AggregationMethod, MetricKey } from '../../core/metrics.ts';
import { canonicalMethod, formatMetricKey, type EnumerableMetricSource } from '../../core/metrics/index.ts';
import { parseThresholdKey } from '../../core/thresholds/index.ts';
import { LOAD_METRICS } from '../engine/metrics.ts';

export const K6_TREND_STATS = 'avg,min,med,max,p(50),p(90),p(95),p(99),p(99.9)';

/** k6's legacy `--summary-export` JSON: per metric key, flattened values (a Rate's rate is `value`). */
export interface K6LegacySummary {
  metrics: Record<string, Record<string, unknown>>;
}

export function isK6LegacySummary(value: unknown): value is K6LegacySummary {
  if (!value || typeof value !== 'object') return false;
  const metrics = (value as { metrics?: unknown }).metrics;
  return !!metrics && typeof metrics === 'object' && !Array.isArray(metrics);
}

/** The counter that counts a trend's samples (k6's export has no trend counts). */
export const COUNT_FOR: Record<string, string> = { http_req_duration: 'http_reqs', http_req_failed: 'http_reqs', http_req_server_errors: 'http_reqs', iteration_duration: 'iterations' };

/**
 * The summary as a metric source, so the same thresholds and checks judge a k6 run. Trend sample counts are not in
 * k6's export: they are taken from http_reqs / iterations of the same tags (a trend without them has no samples).
 */
export function k6SummarySource(summary: K6LegacySummary): EnumerableMetricSource {
  const descriptors = new Map(LOAD_METRICS.map((d) => [d.name, d]));
  const entry = (key: MetricKey) => summary.metrics[formatMetricKey(key)];
  const num = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);
  const samples = (key: MetricKey): number => {
    const descriptor = descriptors.get(key.name);
    const values = entry(key);
    if (!descriptor || !values) return 0;
    if (descriptor.type === 'counter') return num(values['count']) ?? 0;
    if (descriptor.type === 'rate') return (num(values['passes']) ?? 0) + (num(values['fails']) ?? 0);
    if (descriptor.type === 'gauge') return num(values['value']) === undefined ? 0 : 1;
    const counter = COUNT_FOR[key.name];
    return counter ? samples({ name: counter, tags: key.tags }) : 0;
  };
  return {
    descriptor: (name) => descriptors.get(name),
    keys: () => Object.keys(summary.metrics).flatMap((raw) => {
      try {
        const key = parseThresholdKey(raw);
        return descriptors.has(key.name) ? [key] : [];
      } catch {
        return [];
      }
    }),
    samples,
    aggregate(key, method: AggregationMethod) {
      const descriptor = descriptors.get(key.name);
      const values = entry(key);
      if (!descriptor || !values || samples(key) <= 0) return undefined;
      const canonical = canonicalMethod(method);
      if (descriptor.type === 'rate') return canonical === 'rate' ? num(values['value']) : undefined;
      if (descriptor.type === 'trend' && canonical === 'p(50)') return num(values['p(50)']) ?? num(values['med']);
      return num(values[canonical]);
    },
  };
}
