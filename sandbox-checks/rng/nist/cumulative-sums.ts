import type { Bits } from '../bit-sequence.ts';
import { normalCdf } from '../special-functions.ts';
import { applicable, requireAtLeast, type TestOptions, type TestOutcome } from '../test-result.ts';

function maxExcursion(bits: Bits, reverse: boolean): number {
  const n = bits.length;
  let sum = 0;
  let max = 0;
  for (let i = 0; i < n; i++) {
    sum += 2 * bits[reverse ? n - 1 - i : i]! - 1;
    if (Math.abs(sum) > max) max = Math.abs(sum);
  }
  return max;
}

/** The P-value of SP 800-22 §2.13 for the largest excursion z of an n-step walk (summation bounds as in STS). */
export function cusumPValue(n: number, z: number): number {
  const root = Math.sqrt(n);
  let first = 0;
  for (let k = Math.trunc((-n / z + 1) / 4); k <= (n / z - 1) / 4; k++) {
    first += normalCdf(((4 * k + 1) * z) / root) - normalCdf(((4 * k - 1) * z) / root);
  }
  let second = 0;
  for (let k = Math.trunc((-n / z - 3) / 4); k <= (n / z - 1) / 4; k++) {
    second += normalCdf(((4 * k + 3) * z) / root) - normalCdf(((4 * k + 1) * z) / root);
  }
  return 1 - first + second;
}

/** SP 800-22 §2.13 Cumulative sums, forward then backward. n ≥ 100. */
export function cumulativeSumsTest(bits: Bits, options?: TestOptions): TestOutcome {
  const n = bits.length;
  const params = { n };
  const tooShort = requireAtLeast(options, params, 'n', n, 100);
  if (tooShort) return tooShort;
  const forward = maxExcursion(bits, false);
  const backward = maxExcursion(bits, true);
  return applicable(params, [cusumPValue(n, forward), cusumPValue(n, backward)], { zForward: forward, zBackward: backward });
}
