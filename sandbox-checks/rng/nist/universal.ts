import type { Bits } from '../bit-sequence.ts';
import { erfc } from '../special-functions.ts';
import { applicable, notApplicable, type TestOptions, type TestOutcome } from '../test-result.ts';

// STS 2.1.2 (universal.c): the smallest n for each block length L, and the expected value and variance of f_n.
const MIN_LENGTH_FOR_L: [number, number][] = [
  [1_059_061_760, 16], [496_435_200, 15], [231_669_760, 14], [107_560_960, 13], [49_643_520, 12], [22_753_280, 11],
  [10_342_400, 10], [4_654_080, 9], [2_068_480, 8], [904_960, 7], [387_840, 6],
];
const EXPECTED: Record<number, [number, number]> = {
  6: [5.2177052, 2.954], 7: [6.1962507, 3.125], 8: [7.1836656, 3.238], 9: [8.1764248, 3.311], 10: [9.1723243, 3.356],
  11: [10.170032, 3.384], 12: [11.168765, 3.401], 13: [12.16807, 3.41], 14: [13.167693, 3.416], 15: [14.167488, 3.419],
  16: [15.167379, 3.421],
};

/** SP 800-22 §2.9 Maurer's universal statistical test, L and Q = 10·2^L chosen from n as STS does. n ≥ 387,840. */
export function universalTest(bits: Bits, _options?: TestOptions): TestOutcome {
  const n = bits.length;
  const L = MIN_LENGTH_FOR_L.find(([minimum]) => n >= minimum)?.[1];
  if (L === undefined) return notApplicable({ n }, `n is ${n}; the test needs at least 387840`);
  const Q = 10 * 2 ** L;
  const K = Math.floor(n / L) - Q;
  const [expected, variance] = EXPECTED[L]!;
  const lastSeen = new Float64Array(2 ** L);
  const blockValue = (index: number): number => {
    let value = 0;
    for (let j = 0; j < L; j++) value = value * 2 + bits[index * L + j]!;
    return value;
  };
  for (let i = 1; i <= Q; i++) lastSeen[blockValue(i - 1)] = i;
  let sum = 0;
  for (let i = Q + 1; i <= Q + K; i++) {
    const value = blockValue(i - 1);
    sum += Math.log2(i - lastSeen[value]!);
    lastSeen[value] = i;
  }
  const fn = sum / K;
  const c = 0.7 - 0.8 / L + ((4 + 32 / L) * K ** (-3 / L)) / 15;
  const sigma = c * Math.sqrt(variance / K);
  const pValue = erfc(Math.abs(fn - expected) / (Math.SQRT2 * sigma));
  return applicable({ n, L, Q, K }, [pValue], { fn, expected, sigma });
}
