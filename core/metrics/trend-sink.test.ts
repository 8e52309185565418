import { describe, expect, it } from 'vitest';
import { ExactTrendSink } from './trend-sink.ts';

function sinkOf(values: number[]): ExactTrendSink {
  const sink = new ExactTrendSink();
  for (const value of values) sink.add(value);
  return sink;
}

// k6: rank = p/100 × (n − 1), linear interpolation between the closest ranks.
const oneToTen = [7, 3, 10, 1, 5, 9, 2, 8, 4, 6];
const percentiles: Array<[number[], number, number]> = [
  [oneToTen, 0, 1],
  [oneToTen, 50, 5.5],
  [oneToTen, 90, 9.1],
  [oneToTen, 95, 9.55],
  [oneToTen, 99.9, 9.991],
  [oneToTen, 100, 10],
  [[42], 95, 42],
  [[1, 2], 50, 1.5],
  [[10, 20, 30], 25, 15],
];

describe('ExactTrendSink', () => {
  it.each(percentiles)('p of %j at %d is %d', (values, p, expected) => {
    expect(sinkOf(values).percentile(p)).toBeCloseTo(expected, 10);
  });

  it('keeps count, min, max and mean exactly', () => {
    const sink = sinkOf(oneToTen);
    expect([sink.count(), sink.min(), sink.max(), sink.mean()]).toEqual([10, 1, 10, 5.5]);
  });

  it('answers nothing when empty, never a number', () => {
    const sink = new ExactTrendSink();
    expect([sink.count(), sink.min(), sink.max(), sink.mean(), sink.percentile(50)]).toEqual([0, undefined, undefined, undefined, undefined]);
  });

  it('rejects percentiles outside 0..100 and non-finite samples', () => {
    expect(sinkOf([1, 2]).percentile(101)).toBeUndefined();
    expect(sinkOf([1, 2]).percentile(Number.NaN)).toBeUndefined();
    expect(() => new ExactTrendSink().add(Number.NaN)).toThrow(RangeError);
    expect(() => new ExactTrendSink().add(Infinity)).toThrow(RangeError);
  });

  it('merges another exact sink and stays correct after more adds', () => {
    const merged = sinkOf([1, 2, 3, 4, 5]);
    merged.percentile(50);
    merged.merge(sinkOf([10, 9, 8, 7, 6]));
    expect(merged.percentile(95)).toBeCloseTo(9.55, 10);
    expect([merged.count(), merged.min(), merged.max()]).toEqual([10, 1, 10]);
  });
});
