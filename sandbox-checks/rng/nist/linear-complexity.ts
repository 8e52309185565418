import type { Bits } from '../bit-sequence.ts';
import { igamc } from '../special-functions.ts';
import { applicable, requireAtLeast, type TestOptions, type TestOutcome } from '../test-result.ts';
import { linearComplexityPacked } from './berlekamp-massey.ts';

// As STS 2.1.2 has them (π₀ = 0.01047, not 0.010417), so P-values match its reports.
const PROBABILITIES = [0.01047, 0.03125, 0.125, 0.5, 0.25, 0.0625, 0.020833];

/** SP 800-22 §2.10 Linear complexity, M = 500 by default (500 ≤ M ≤ 5000). n ≥ 10⁶. */
export function linearComplexityTest(bits: Bits, options: TestOptions & { blockLength?: number } = {}): TestOutcome {
  const M = options.blockLength ?? 500;
  const n = bits.length;
  const N = Math.floor(n / M);
  const params = { n, M, N };
  const tooShort = requireAtLeast(options, params, 'n', n, 1_000_000) ?? requireAtLeast(options, params, 'block count N', N, 200);
  if (tooShort) return tooShort;
  const sign = M % 2 === 0 ? 1 : -1;
  const mu = M / 2 + (9 + -sign) / 36 - (M / 3 + 2 / 9) / 2 ** M;
  const counts = new Array<number>(7).fill(0);
  for (let block = 0; block < N; block++) {
    const T = sign * (linearComplexityPacked(bits, block * M, M) - mu) + 2 / 9;
    const index = T <= -2.5 ? 0 : T > 2.5 ? 6 : Math.ceil(T - 0.5) + 3;
    counts[index]!++;
  }
  let chiSquare = 0;
  counts.forEach((count, i) => {
    const expected = N * PROBABILITIES[i]!;
    chiSquare += ((count - expected) * (count - expected)) / expected;
  });
  return applicable(params, [igamc(3, chiSquare / 2)], { mu, chiSquare, counts: counts.join(',') });
}
