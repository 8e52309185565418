import type { Bits } from '../bit-sequence.ts';
import { erfc } from '../special-functions.ts';
import { applicable, requireAtLeast, type TestOptions, type TestOutcome } from '../test-result.ts';

/** SP 800-22 §2.1 Frequency (monobit). n ≥ 100. */
export function frequencyTest(bits: Bits, options?: TestOptions): TestOutcome {
  const n = bits.length;
  const params = { n };
  const tooShort = requireAtLeast(options, params, 'n', n, 100);
  if (tooShort) return tooShort;
  let ones = 0;
  for (let i = 0; i < n; i++) ones += bits[i]!;
  const sum = 2 * ones - n;
  const sObs = Math.abs(sum) / Math.sqrt(n);
  return applicable(params, [erfc(sObs / Math.SQRT2)], { sum, sObs });
}
