import type { Bits } from '../bit-sequence.ts';
import { igamc } from '../special-functions.ts';
import { applicable, notApplicable, type TestOptions, type TestOutcome } from '../test-result.ts';
import { cyclicPatternCounts } from './pattern-counts.ts';

function phi(bits: Bits, m: number): number {
  if (m === 0) return 0;
  const n = bits.length;
  let sum = 0;
  for (const count of cyclicPatternCounts(bits, m)) if (count > 0) sum += (count / n) * Math.log(count / n);
  return sum;
}

/** SP 800-22 §2.12 Approximate entropy, m = 10 by default; needs m < ⌊log₂ n⌋ − 5. */
export function approximateEntropyTest(bits: Bits, options: TestOptions & { m?: number } = {}): TestOutcome {
  const m = options.m ?? 10;
  const n = bits.length;
  const params = { n, m };
  if (options.strict !== false && !(m < Math.floor(Math.log2(n)) - 5)) {
    return notApplicable(params, `m = ${m} needs m < ⌊log2 n⌋ − 5, i.e. n ≥ ${2 ** (m + 6)}; n is ${n}`);
  }
  const apEn = phi(bits, m) - phi(bits, m + 1);
  const chiSquare = 2 * n * (Math.LN2 - apEn);
  return applicable(params, [igamc(2 ** (m - 1), chiSquare / 2)], { apEn, chiSquare });
}
