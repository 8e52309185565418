import { applicable, notApplicable, type TestOutcome } from '../test-result.ts';
import { MIN_EXPECTED_PER_CELL, pearsonChiSquare } from './chi-square.ts';

export type Range = readonly [number, number];

/**
 * χ² of scaled outcomes (reel stops, roulette 0–36, …) against the uniform law on [low, high]: catches mapping bias
 * such as `byte % 37`. Values outside the range fail outright.
 */
export function outcomeUniformityTest(values: ArrayLike<number>, range: Range): TestOutcome {
  const [low, high] = range;
  const cells = high - low + 1;
  const n = values.length;
  const params = { n, low, high, cells };
  if (n < MIN_EXPECTED_PER_CELL * cells) return notApplicable(params, `${n} outcomes; the test needs at least ${MIN_EXPECTED_PER_CELL * cells}`);
  const counts = new Float64Array(cells);
  let outside = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    if (v < low || v > high || !Number.isInteger(v)) outside++;
    else counts[v - low]!++;
  }
  if (outside > 0) return applicable(params, [0], { outsideRange: outside });
  const { chiSquare, pValue } = pearsonChiSquare(counts, new Float64Array(cells).fill(n / cells));
  return applicable(params, [pValue], { chiSquare });
}

/** χ² over non-overlapping pairs of consecutive outcomes (cells²): catches outcomes that depend on the previous one. */
export function outcomePairsTest(values: ArrayLike<number>, range: Range): TestOutcome {
  const [low, high] = range;
  const cells = high - low + 1;
  const pairs = Math.floor(values.length / 2);
  const params = { pairs, low, high, cells: cells * cells };
  if (pairs < MIN_EXPECTED_PER_CELL * cells * cells) {
    return notApplicable(params, `${pairs} pairs; the test needs at least ${MIN_EXPECTED_PER_CELL * cells * cells}`);
  }
  const counts = new Float64Array(cells * cells);
  for (let i = 0; i < pairs; i++) {
    const a = values[2 * i]! - low;
    const b = values[2 * i + 1]! - low;
    if (a < 0 || a >= cells || b < 0 || b >= cells) return applicable(params, [0], { outsideRange: 1 });
    counts[a * cells + b]!++;
  }
  const { chiSquare, pValue } = pearsonChiSquare(counts, new Float64Array(cells * cells).fill(pairs / (cells * cells)));
  return applicable(params, [pValue], { chiSquare });
}
