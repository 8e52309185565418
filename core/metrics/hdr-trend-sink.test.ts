import { describe, expect, it } from 'vitest';
import { HdrTrendSink } from './hdr-trend-sink.ts';
import { ExactTrendSink } from './trend-sink.ts';

/** Deterministic PRNG (mulberry32) so a failure reproduces. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Latency-like samples in ms: log-normal around 80 ms with a long tail. */
function latencies(count: number, seed: number): number[] {
  const next = random(seed);
  return Array.from({ length: count }, () => {
    const normal = Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
    return Math.round(Math.exp(Math.log(80) + 0.6 * normal) * 1000) / 1000;
  });
}

const PERCENTILES = [1, 10, 50, 75, 90, 95, 99, 99.9];

describe('HdrTrendSink', () => {
  it('gives percentiles within 0.1% of the exact sink on 100k random samples', () => {
    const samples = latencies(100_000, 7);
    const hdr = new HdrTrendSink();
    const exact = new ExactTrendSink();
    for (const value of samples) {
      hdr.add(value);
      exact.add(value);
    }
    const worst = Math.max(
      ...PERCENTILES.map((p) => Math.abs((hdr.percentile(p) as number) - (exact.percentile(p) as number)) / (exact.percentile(p) as number)),
    );
    expect(worst).toBeLessThan(0.001);
    expect(hdr.count()).toBe(100_000);
    expect(hdr.min()).toBe(exact.min());
    expect(hdr.max()).toBe(exact.max());
    expect(hdr.mean()).toBeCloseTo(exact.mean() as number, 9);
  });

  it('merges two sinks into the distribution of all their samples', () => {
    const first = latencies(50_000, 1);
    const second = latencies(50_000, 2).map((value) => value * 3);
    const left = new HdrTrendSink();
    const right = new HdrTrendSink();
    const exact = new ExactTrendSink();
    for (const value of first) left.add(value);
    for (const value of second) right.add(value);
    for (const value of [...first, ...second]) exact.add(value);
    left.merge(right);
    expect(left.count()).toBe(100_000);
    expect([left.min(), left.max()]).toEqual([exact.min(), exact.max()]);
    for (const p of PERCENTILES) {
      expect(Math.abs((left.percentile(p) as number) / (exact.percentile(p) as number) - 1)).toBeLessThan(0.001);
    }
  });

  it('survives a snapshot round trip (what a worker thread posts back)', () => {
    const sink = new HdrTrendSink();
    for (const value of latencies(10_000, 3)) sink.add(value);
    const copy = HdrTrendSink.fromSnapshot(structuredClone(sink.snapshot()));
    for (const p of [50, 95, 99]) expect(copy.percentile(p)).toBe(sink.percentile(p));
    expect([copy.count(), copy.min(), copy.max(), copy.mean()]).toEqual([sink.count(), sink.min(), sink.max(), sink.mean()]);
  });

  it('refuses samples a histogram cannot hold, and sinks of another scale', () => {
    expect(() => new HdrTrendSink().add(-1)).toThrow(RangeError);
    expect(() => new HdrTrendSink().add(Number.NaN)).toThrow(RangeError);
    expect(() => new HdrTrendSink().merge(new HdrTrendSink({ scale: 1 }))).toThrow(RangeError);
    expect(() => new HdrTrendSink().merge(new ExactTrendSink())).toThrow(TypeError);
  });

  it('answers nothing when empty', () => {
    const sink = new HdrTrendSink();
    expect([sink.count(), sink.min(), sink.mean(), sink.percentile(95)]).toEqual([0, undefined, undefined, undefined]);
  });
});
