import type { Bits } from '../bit-sequence.ts';
import { erfc, igamc } from '../special-functions.ts';
import { applicable, notApplicable, type TestOptions, type TestOutcome } from '../test-result.ts';

export const EXCURSION_STATES = [-4, -3, -2, -1, 1, 2, 3, 4];
export const VARIANT_STATES = [-9, -8, -7, -6, -5, -4, -3, -2, -1, 1, 2, 3, 4, 5, 6, 7, 8, 9];

interface Walk {
  /** Number of cycles J (zero crossings of the walk padded with 0 at both ends). */
  cycles: number;
  /** visits[c * 19 + (x + 9)]: visits of cycle c to state x, for |x| ≤ 9. */
  visitsPerCycle: Int32Array;
}

function walk(bits: Bits): Walk {
  let cycles = 0;
  let sum = 0;
  for (let i = 0; i < bits.length; i++) {
    sum += 2 * bits[i]! - 1;
    if (sum === 0) cycles++;
  }
  if (sum !== 0) cycles++;
  const visitsPerCycle = new Int32Array(cycles * 19);
  let cycle = 0;
  sum = 0;
  for (let i = 0; i < bits.length; i++) {
    sum += 2 * bits[i]! - 1;
    if (sum === 0) cycle++;
    else if (sum >= -9 && sum <= 9) visitsPerCycle[cycle * 19 + sum + 9]!++;
  }
  return { cycles, visitsPerCycle };
}

function tooFewCycles(n: number, cycles: number, options?: TestOptions): string | null {
  const minimum = Math.max(0.005 * Math.sqrt(n), 500);
  if (options?.strict === false || cycles >= minimum) return null;
  return `only ${cycles} cycles; the test needs at least ${minimum} (too few zero crossings to judge)`;
}

function stateProbabilities(x: number): number[] {
  const a = Math.abs(x);
  const q = 1 - 1 / (2 * a);
  return [q, ...[1, 2, 3, 4].map((k) => (1 / (4 * a * a)) * q ** (k - 1)), (1 / (2 * a)) * q ** 4];
}

/** SP 800-22 §2.14 Random excursions: one P-value per state x ∈ {±1..±4}; not applicable with too few cycles. */
export function randomExcursionsTest(bits: Bits, options?: TestOptions): TestOutcome {
  const n = bits.length;
  const { cycles, visitsPerCycle } = walk(bits);
  const params = { n, J: cycles };
  const reason = tooFewCycles(n, cycles, options);
  if (reason) return notApplicable(params, reason);
  const pValues = EXCURSION_STATES.map((x) => {
    const counts = new Array<number>(6).fill(0);
    for (let c = 0; c < cycles; c++) counts[Math.min(visitsPerCycle[c * 19 + x + 9]!, 5)]!++;
    const probabilities = stateProbabilities(x);
    let chiSquare = 0;
    counts.forEach((count, k) => {
      const expected = cycles * probabilities[k]!;
      chiSquare += ((count - expected) * (count - expected)) / expected;
    });
    return igamc(5 / 2, chiSquare / 2);
  });
  return applicable({ ...params, states: EXCURSION_STATES.join(',') }, pValues);
}

/** SP 800-22 §2.15 Random excursions variant: one P-value per state x ∈ {±1..±9}; not applicable with too few cycles. */
export function randomExcursionsVariantTest(bits: Bits, options?: TestOptions): TestOutcome {
  const n = bits.length;
  const { cycles, visitsPerCycle } = walk(bits);
  const params = { n, J: cycles };
  const reason = tooFewCycles(n, cycles, options);
  if (reason) return notApplicable(params, reason);
  const pValues = VARIANT_STATES.map((x) => {
    let visits = 0;
    for (let c = 0; c < cycles; c++) visits += visitsPerCycle[c * 19 + x + 9]!;
    return erfc(Math.abs(visits - cycles) / Math.sqrt(2 * cycles * (4 * Math.abs(x) - 2)));
  });
  return applicable({ ...params, states: VARIANT_STATES.join(',') }, pValues);
}
