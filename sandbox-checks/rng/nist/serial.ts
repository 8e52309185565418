import type { Bits } from '../bit-sequence.ts';
import { igamc } from '../special-functions.ts';
import { applicable, notApplicable, type TestOptions, type TestOutcome } from '../test-result.ts';
import { cyclicPatternCounts } from './pattern-counts.ts';

function psiSquared(bits: Bits, m: number): number {
  if (m <= 0) return 0;
  const counts = cyclicPatternCounts(bits, m);
  let sum = 0;
  for (const count of counts) sum += count * count;
  return (2 ** m / bits.length) * sum - bits.length;
}

/** SP 800-22 §2.11 Serial, m = 16 by default; needs m < ⌊log₂ n⌋ − 2. Two P-values. */
export function serialTest(bits: Bits, options: TestOptions & { m?: number } = {}): TestOutcome {
  const m = options.m ?? 16;
  const n = bits.length;
  const params = { n, m };
  if (options.strict !== false && !(m < Math.floor(Math.log2(n)) - 2)) {
    return notApplicable(params, `m = ${m} needs m < ⌊log2 n⌋ − 2, i.e. n ≥ ${2 ** (m + 3)}; n is ${n}`);
  }
  const psiM = psiSquared(bits, m);
  const psiM1 = psiSquared(bits, m - 1);
  const psiM2 = psiSquared(bits, m - 2);
  const delta1 = psiM - psiM1;
  const delta2 = psiM - 2 * psiM1 + psiM2;
  return applicable(params, [igamc(2 ** (m - 2), delta1 / 2), igamc(2 ** (m - 3), delta2 / 2)], { psiM, psiM1, psiM2, delta1, delta2 });
}
