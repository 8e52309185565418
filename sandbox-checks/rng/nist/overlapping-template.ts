import type { Bits } from '../bit-sequence.ts';
import { igamc } from '../special-functions.ts';
import { applicable, requireAtLeast, type TestOptions, type TestOutcome } from '../test-result.ts';

export interface OverlappingOptions extends TestOptions {
  /** Length of the all-ones template; default 9. */
  m?: number;
  /** Block length; default 1032. */
  blockLength?: number;
}

/** SP 800-22 §3.8 class probabilities π₀…π₅ for η = λ/2. */
export function overlappingClassProbabilities(eta: number): number[] {
  const e = Math.exp(-eta);
  const p = [
    e,
    (eta / 2) * e,
    ((eta * e) / 8) * (eta + 2),
    ((eta * e) / 8) * ((eta * eta) / 6 + eta + 1),
    ((eta * e) / 16) * ((eta * eta * eta) / 24 + (eta * eta) / 2 + (3 * eta) / 2 + 1),
  ];
  return [...p, 1 - p.reduce((a, b) => a + b, 0)];
}

/** SP 800-22 §2.8 Overlapping template matching (K = 5). n ≥ 10⁶. */
export function overlappingTemplateTest(bits: Bits, options: OverlappingOptions = {}): TestOutcome {
  const m = options.m ?? 9;
  const M = options.blockLength ?? 1032;
  const K = 5;
  const n = bits.length;
  const N = Math.floor(n / M);
  const params = { n, m, M, K, N };
  const tooShort = requireAtLeast(options, params, 'n', n, 1_000_000);
  if (tooShort) return tooShort;
  const lambda = (M - m + 1) / 2 ** m;
  const eta = lambda / 2;
  // STS 2.1.2 computes π from η (its hard-coded 0.364091… table is overwritten); the Hamano–Kaneko correction is not applied.
  const probabilities = overlappingClassProbabilities(eta);
  const counts = new Array<number>(K + 1).fill(0);
  for (let block = 0; block < N; block++) {
    let matches = 0;
    let run = 0;
    for (let j = 0; j < M; j++) {
      run = bits[block * M + j] === 1 ? run + 1 : 0;
      if (run >= m) matches++;
    }
    counts[Math.min(matches, K)]!++;
  }
  let chiSquare = 0;
  counts.forEach((count, i) => {
    const expected = N * probabilities[i]!;
    chiSquare += ((count - expected) * (count - expected)) / expected;
  });
  return applicable(params, [igamc(K / 2, chiSquare / 2)], { lambda, eta, chiSquare, counts: counts.join(',') });
}
