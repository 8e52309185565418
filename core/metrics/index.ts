export { MetricRegistry, UnknownMetricError, type MetricRegistryOptions } from './registry.ts';
export { ExactTrendSink, type TrendSink, type TrendSinkKind } from './trend-sink.ts';
export { HdrTrendSink, type HdrTrendSinkOptions, type HdrTrendSnapshot } from './hdr-trend-sink.ts';
export type { RegistrySnapshot, SinkSnapshot } from './snapshot.ts';
export {
  DEFAULT_SUMMARY_METHODS,
  metricSourceFromSummary,
  summarizeMetrics,
  type EnumerableMetricSource,
  type MetricSummaryEntry,
  type MetricsSummary,
} from './summary.ts';
export { metricsSummarySchema, parseMetricsSummary } from './summary-schema.ts';
export { canonicalMethod, canonicalTags, formatMetricKey, percentileOf, tagsInclude } from './metric-key.ts';
