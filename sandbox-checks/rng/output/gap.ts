import { applicable, notApplicable, type TestOutcome } from '../test-result.ts';
import { MIN_EXPECTED_PER_CELL, pearsonChiSquare } from './chi-square.ts';

/**
 * Knuth's gap test (TAOCP 3.3.2 C): lengths of runs between uniforms falling in [low, high), classes 0…t−1 and ≥ t,
 * against the geometric law p(1−p)^r.
 */
export function gapTest(uniforms: ArrayLike<number>, options: { low?: number; high?: number; classes?: number } = {}): TestOutcome {
  const low = options.low ?? 0;
  const high = options.high ?? 0.25;
  const t = options.classes ?? 12;
  const p = high - low;
  const counts = new Float64Array(t + 1);
  let gaps = 0;
  let length = 0;
  let started = false;
  for (let i = 0; i < uniforms.length; i++) {
    const u = uniforms[i]!;
    if (u >= low && u < high) {
      if (started) {
        counts[Math.min(length, t)]!++;
        gaps++;
      }
      started = true;
      length = 0;
    } else length++;
  }
  const probabilities = Array.from({ length: t + 1 }, (_, r) => (r < t ? p * (1 - p) ** r : (1 - p) ** t));
  const minimumGaps = Math.ceil(MIN_EXPECTED_PER_CELL / Math.min(...probabilities));
  const params = { low, high, classes: t + 1, gaps };
  if (gaps < minimumGaps) return notApplicable(params, `gap count is ${gaps}; the test needs at least ${minimumGaps}`);
  const { chiSquare, pValue } = pearsonChiSquare(counts, probabilities.map((q) => q * gaps));
  return applicable(params, [pValue], { chiSquare });
}
