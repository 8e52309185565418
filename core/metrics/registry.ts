import { systemClock, type Clock } from '../clock.ts';
import type { AggregationMethod, MetricDescriptor, MetricKey, MetricSource, Tags } from '../metrics.ts';
import { aggregateSink } from './aggregate.ts';
import { canonicalTags, formatMetricKey, tagSetId, tagsInclude } from './metric-key.ts';
import { addToSink, mergeSinkInto, newSink, sinkSamples, type MetricSink } from './sinks.ts';
import { sinkFromSnapshot, snapshotSink, type RegistrySnapshot } from './snapshot.ts';
import type { TrendSink, TrendSinkKind } from './trend-sink.ts';

export interface MetricRegistryOptions {
  /** Counter `rate` is count ÷ seconds from construction to now (or to `freeze()`). */
  clock?: Pick<Clock, 'monotonic'>;
  /** The trend sink each trend metric uses: `exact` (default) keeps every sample, `hdr` is for large counts. */
  trendSink?: TrendSinkKind | ((descriptor: MetricDescriptor) => TrendSinkKind);
}

/** Writing to a metric nobody declared is a bug in the emitting code, not bad user input. */
export class UnknownMetricError extends Error {
  constructor(name: string, known: readonly string[]) {
    super(`metric "${name}" is not declared; declared metrics: ${known.join(', ') || '(none)'}`);
    this.name = 'UnknownMetricError';
  }
}

interface Series {
  tags: Tags;
  sink: MetricSink;
}

interface Metric {
  descriptor: MetricDescriptor;
  trendKind: TrendSinkKind;
  series: Map<string, Series>;
  version: number;
  merged: Map<string, { version: number; sink: MetricSink }>;
}

/**
 * The write side stages emit into and the read side thresholds judge. Samples are kept per tag set,
 * so a sub-metric key aggregates exactly the samples whose tags include all of the key's tags (k6).
 */
export class MetricRegistry implements MetricSource {
  readonly #metrics = new Map<string, Metric>();
  readonly #clock: Pick<Clock, 'monotonic'>;
  readonly #startedAt: number;
  #frozenAt: number | undefined;
  #order = 0;

  constructor(descriptors: readonly MetricDescriptor[], options: MetricRegistryOptions = {}) {
    this.#clock = options.clock ?? systemClock;
    this.#startedAt = this.#clock.monotonic();
    const choose = options.trendSink ?? 'exact';
    for (const descriptor of descriptors) {
      if (this.#metrics.has(descriptor.name)) throw new TypeError(`metric "${descriptor.name}" is declared twice`);
      const trendKind = typeof choose === 'function' ? choose(descriptor) : choose;
      this.#metrics.set(descriptor.name, { descriptor, trendKind, series: new Map(), version: 0, merged: new Map() });
    }
  }

  /** Counter adds, gauge sets, rate takes booleans (or numbers: non-zero is true), trend records. */
  add(name: string, value: number | boolean, tags: Tags = {}): void {
    const metric = this.#metric(name);
    addToSink(this.#series(metric, tags).sink, name, value, this.#order++);
    metric.version += 1;
  }

  /** `add` with the metric and tag set resolved once: for hot paths that write the same series per request. */
  bind(name: string, tags: Tags = {}): (value: number | boolean) => void {
    const metric = this.#metric(name);
    const series = this.#series(metric, tags);
    return (value) => {
      addToSink(series.sink, name, value, this.#order++);
      metric.version += 1;
    };
  }

  /** Stops the clock counter rates divide by: call when the measured phase ends. */
  freeze(): void {
    this.#frozenAt ??= this.#clock.monotonic();
  }

  elapsedMs(): number {
    return (this.#frozenAt ?? this.#clock.monotonic()) - this.#startedAt;
  }

  descriptor(name: string): MetricDescriptor | undefined {
    return this.#metrics.get(name)?.descriptor;
  }

  descriptors(): MetricDescriptor[] {
    return [...this.#metrics.values()].map((metric) => metric.descriptor);
  }

  /** One untagged key per declared metric (sub-metric keys are whatever the caller filters on). */
  keys(): MetricKey[] {
    return [...this.#metrics.keys()].map((name) => ({ name, tags: {} }));
  }

  samples(key: MetricKey): number {
    const sink = this.#mergedSink(key);
    return sink ? sinkSamples(sink) : 0;
  }

  aggregate(key: MetricKey, method: AggregationMethod): number | undefined {
    const sink = this.#mergedSink(key);
    return sink ? aggregateSink(sink, method, this.elapsedMs() / 1000) : undefined;
  }

  /** The merged trend samples behind a key (e.g. to export a histogram as evidence). */
  trendSink(key: MetricKey): TrendSink | undefined {
    const sink = this.#mergedSink(key);
    return sink?.type === 'trend' ? sink.trend : undefined;
  }

  snapshot(): RegistrySnapshot {
    const series: RegistrySnapshot['series'] = [];
    for (const [name, metric] of this.#metrics) {
      for (const entry of metric.series.values()) series.push({ name, tags: entry.tags, sink: snapshotSink(entry.sink) });
    }
    return { series };
  }

  /** Folds in another registry's samples (a worker thread's); its gauge values count as the latest. */
  mergeSnapshot(snapshot: RegistrySnapshot): void {
    // Rebuild every sink first, so a bad snapshot changes nothing.
    const incoming = snapshot.series.map((entry) => {
      const metric = this.#metric(entry.name);
      const sink = sinkFromSnapshot(entry.sink, metric.descriptor, this.#order++);
      if (sink.type === 'trend' && sink.trend.kind !== metric.trendKind) {
        throw new TypeError(`snapshot of "${entry.name}" holds a ${sink.trend.kind} trend, the registry keeps ${metric.trendKind}`);
      }
      return { metric, tags: entry.tags, sink };
    });
    for (const { metric, tags, sink } of incoming) {
      mergeSinkInto(this.#series(metric, tags).sink, sink);
      metric.version += 1;
    }
  }

  #series(metric: Metric, tags: Tags): Series {
    const id = tagSetId(tags);
    let series = metric.series.get(id);
    if (!series) {
      series = { tags: Object.fromEntries(canonicalTags(tags)), sink: newSink(metric.descriptor, metric.trendKind) };
      metric.series.set(id, series);
    }
    return series;
  }

  #metric(name: string): Metric {
    const metric = this.#metrics.get(name);
    if (!metric) throw new UnknownMetricError(name, [...this.#metrics.keys()]);
    return metric;
  }

  #mergedSink(key: MetricKey): MetricSink | undefined {
    const metric = this.#metrics.get(key.name);
    if (!metric) return undefined;
    const cacheKey = formatMetricKey(key);
    const cached = metric.merged.get(cacheKey);
    if (cached && cached.version === metric.version) return cached.sink;
    const merged = newSink(metric.descriptor, metric.trendKind);
    for (const series of metric.series.values()) {
      if (tagsInclude(series.tags, key.tags)) mergeSinkInto(merged, series.sink);
    }
    metric.merged.set(cacheKey, { version: metric.version, sink: merged });
    return merged;
  }
}
