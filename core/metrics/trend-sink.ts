/** Where a trend's samples go. Percentiles take `p` in 0..100, as in `p(95)`. */
export interface TrendSink {
  readonly kind: TrendSinkKind;
  add(value: number): void;
  count(): number;
  /** Undefined when empty: no data is never a number. */
  min(): number | undefined;
  max(): number | undefined;
  mean(): number | undefined;
  percentile(p: number): number | undefined;
  /** Adds every sample of `other` (same kind) into this sink. */
  merge(other: TrendSink): void;
}

export type TrendSinkKind = 'exact' | 'hdr';

export function assertFiniteSample(value: number, what: string): void {
  if (!Number.isFinite(value)) throw new RangeError(`${what}: sample must be a finite number, got ${value}`);
}

/**
 * Keeps every sample. Percentiles follow k6: linear interpolation between the closest ranks
 * of the sorted samples (rank = p/100 × (n − 1)).
 */
export class ExactTrendSink implements TrendSink {
  readonly kind = 'exact';
  #values: number[] = [];
  #sorted = true;
  #sum = 0;
  #min = Infinity;
  #max = -Infinity;

  add(value: number): void {
    assertFiniteSample(value, 'trend');
    const last = this.#values[this.#values.length - 1];
    if (last !== undefined && value < last) this.#sorted = false;
    this.#values.push(value);
    this.#sum += value;
    if (value < this.#min) this.#min = value;
    if (value > this.#max) this.#max = value;
  }

  count(): number {
    return this.#values.length;
  }

  min(): number | undefined {
    return this.count() === 0 ? undefined : this.#min;
  }

  max(): number | undefined {
    return this.count() === 0 ? undefined : this.#max;
  }

  mean(): number | undefined {
    return this.count() === 0 ? undefined : this.#sum / this.count();
  }

  percentile(p: number): number | undefined {
    if (!(p >= 0 && p <= 100) || this.count() === 0) return undefined;
    const values = this.#sortedValues();
    const rank = (p / 100) * (values.length - 1);
    const lower = values[Math.floor(rank)] as number;
    const upper = values[Math.ceil(rank)] as number;
    return lower + (upper - lower) * (rank - Math.floor(rank));
  }

  merge(other: TrendSink): void {
    if (!(other instanceof ExactTrendSink)) throw new TypeError('an exact trend sink merges only exact trend sinks');
    for (const value of other.#values) this.add(value);
  }

  /** The samples, for snapshots sent between threads. */
  values(): readonly number[] {
    return this.#values;
  }

  #sortedValues(): number[] {
    if (!this.#sorted) {
      this.#values.sort((a, b) => a - b);
      this.#sorted = true;
    }
    return this.#values;
  }
}
