import { applicable, requireAtLeast, type TestOutcome } from '../test-result.ts';
import { mergeSmallCells, pearsonChiSquare } from './chi-square.ts';

const BIRTHDAYS = 512;
const DAY_BITS = 24;
const LAMBDA = BIRTHDAYS ** 3 / (4 * 2 ** DAY_BITS); // = 2

function poisson(k: number): number {
  let p = Math.exp(-LAMBDA);
  for (let i = 1; i <= k; i++) p *= LAMBDA / i;
  return p;
}

/**
 * Marsaglia's birthday spacings: 512 birthdays (top 24 bits of a word) in a year of 2²⁴ days; the number of repeated
 * spacings per sample is ~Poisson(2). χ² of the counts 0, 1, 2, 3, ≥ 4 over all samples.
 */
export function birthdaySpacingsTest(words: Uint32Array): TestOutcome {
  const samples = Math.floor(words.length / BIRTHDAYS);
  const params = { samples, birthdays: BIRTHDAYS, dayBits: DAY_BITS, lambda: LAMBDA };
  const tooShort = requireAtLeast({}, params, 'sample count', samples, 40);
  if (tooShort) return tooShort;
  const counts = [0, 0, 0, 0, 0];
  const days = new Uint32Array(BIRTHDAYS);
  const spacings = new Uint32Array(BIRTHDAYS);
  for (let s = 0; s < samples; s++) {
    for (let i = 0; i < BIRTHDAYS; i++) days[i] = words[s * BIRTHDAYS + i]! >>> (32 - DAY_BITS);
    days.sort();
    spacings[0] = days[0]!;
    for (let i = 1; i < BIRTHDAYS; i++) spacings[i] = days[i]! - days[i - 1]!;
    spacings.sort();
    let repeats = 0;
    for (let i = 1; i < BIRTHDAYS; i++) if (spacings[i] === spacings[i - 1]) repeats++;
    counts[Math.min(repeats, 4)]!++;
  }
  const probabilities = [0, 1, 2, 3].map(poisson);
  probabilities.push(1 - probabilities.reduce((a, b) => a + b, 0));
  const cells = mergeSmallCells(counts, probabilities.map((p) => p * samples));
  const { chiSquare, pValue, degreesOfFreedom } = pearsonChiSquare(cells.observed, cells.expected);
  return applicable(params, [pValue], { chiSquare, degreesOfFreedom });
}
