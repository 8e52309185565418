/** The metric model shared by stages (which emit) and thresholds (which judge). Names follow k6. */
export type MetricType = 'counter' | 'gauge' | 'rate' | 'trend';

/** What a metric's values are: `time` trends are milliseconds. */
export type MetricContains = 'default' | 'time' | 'data';

export type Tags = Readonly<Record<string, string>>;

/** What a stage says it can emit, so thresholds are validated before anything runs. */
export interface MetricDescriptor {
  name: string;
  type: MetricType;
  contains?: MetricContains;
  /** Tag keys the stage sets on this metric (sub-metrics may filter on these). */
  tags?: readonly string[];
  description?: string;
}

/** `count | rate | value | avg | min | max | med | p(N)` as in k6. */
export type AggregationMethod = 'count' | 'rate' | 'value' | 'avg' | 'min' | 'max' | 'med' | `p(${number})`;

/** A metric name with an optional tag filter: `http_req_duration` or `http_req_duration{flow:deposit}`. */
export interface MetricKey {
  name: string;
  tags: Tags;
}

/** The read side that thresholds evaluate against: a live registry or a stored summary of one. */
export interface MetricSource {
  descriptor(name: string): MetricDescriptor | undefined;
  /** How many samples stand behind the key (0 when none: no data). */
  samples(key: MetricKey): number;
  /** The aggregate, or undefined when there is no data or the method does not apply. */
  aggregate(key: MetricKey, method: AggregationMethod): number | undefined;
}
