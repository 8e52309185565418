import { build, decodeFromCompressedBase64, encodeIntoCompressedBase64 } from 'hdr-histogram-js';
import type { Histogram } from 'hdr-histogram-js';
import { assertFiniteSample, type TrendSink } from './trend-sink.ts';

/** Structured-clone and JSON safe: what a worker thread posts back to be merged. */
export interface HdrTrendSnapshot {
  kind: 'hdr';
  scale: number;
  count: number;
  sum: number;
  min: number | null;
  max: number | null;
  /** The histogram in HdrHistogram's compressed base64 encoding. */
  histogram: string;
}

export interface HdrTrendSinkOptions {
  /**
   * Integer histogram units per sample unit. Time trends are milliseconds recorded as microseconds (1000).
   * Percentiles are exact to 3 significant digits of the scaled value.
   */
  scale?: number;
}

const SIGNIFICANT_DIGITS = 3;

/**
 * A trend sink for large sample counts: constant memory, percentiles to 3 significant digits.
 * Count, sum, min and max are kept exactly beside the histogram, so avg/min/max stay exact.
 * Samples must be ≥ 0 (a histogram has no negative buckets).
 */
export class HdrTrendSink implements TrendSink {
  readonly kind = 'hdr';
  readonly scale: number;
  #histogram: Histogram;
  #count = 0;
  #sum = 0;
  #min = Infinity;
  #max = -Infinity;

  constructor(options: HdrTrendSinkOptions = {}) {
    this.scale = options.scale ?? 1000;
    if (!(Number.isInteger(this.scale) && this.scale >= 1)) throw new RangeError(`HDR scale must be an integer ≥ 1, got ${this.scale}`);
    this.#histogram = build({ numberOfSignificantValueDigits: SIGNIFICANT_DIGITS, autoResize: true, highestTrackableValue: 2 });
  }

  static fromSnapshot(snapshot: HdrTrendSnapshot): HdrTrendSink {
    const sink = new HdrTrendSink({ scale: snapshot.scale });
    sink.#histogram = decodeFromCompressedBase64(snapshot.histogram);
    sink.#histogram.autoResize = true;
    sink.#count = snapshot.count;
    sink.#sum = snapshot.sum;
    sink.#min = snapshot.min ?? Infinity;
    sink.#max = snapshot.max ?? -Infinity;
    if (sink.#histogram.totalCount !== snapshot.count) {
      throw new RangeError(`HDR snapshot is inconsistent: histogram holds ${sink.#histogram.totalCount} samples, count says ${snapshot.count}`);
    }
    return sink;
  }

  add(value: number): void {
    assertFiniteSample(value, 'HDR trend');
    if (value < 0) throw new RangeError(`HDR trend: sample must be ≥ 0, got ${value}`);
    this.#histogram.recordValue(Math.round(value * this.scale));
    this.#count += 1;
    this.#sum += value;
    if (value < this.#min) this.#min = value;
    if (value > this.#max) this.#max = value;
  }

  count(): number {
    return this.#count;
  }

  min(): number | undefined {
    return this.#count === 0 ? undefined : this.#min;
  }

  max(): number | undefined {
    return this.#count === 0 ? undefined : this.#max;
  }

  mean(): number | undefined {
    return this.#count === 0 ? undefined : this.#sum / this.#count;
  }

  percentile(p: number): number | undefined {
    if (!(p >= 0 && p <= 100) || this.#count === 0) return undefined;
    if (p === 0) return this.#min;
    if (p === 100) return this.#max;
    const value = this.#histogram.getValueAtPercentile(p) / this.scale;
    return Math.min(this.#max, Math.max(this.#min, value));
  }

  merge(other: TrendSink): void {
    if (!(other instanceof HdrTrendSink)) throw new TypeError('an HDR trend sink merges only HDR trend sinks');
    if (other.scale !== this.scale) throw new RangeError(`cannot merge HDR sinks of scale ${other.scale} into scale ${this.scale}`);
    this.#histogram.add(other.#histogram);
    this.#count += other.#count;
    this.#sum += other.#sum;
    this.#min = Math.min(this.#min, other.#min);
    this.#max = Math.max(this.#max, other.#max);
  }

  snapshot(): HdrTrendSnapshot {
    return {
      kind: 'hdr',
      scale: this.scale,
      count: this.#count,
      sum: this.#sum,
      min: this.min() ?? null,
      max: this.max() ?? null,
      histogram: encodeIntoCompressedBase64(this.#histogram),
    };
  }
}
