import { applicable, requireAtLeast, type TestOutcome } from '../test-result.ts';
import { pearsonChiSquare } from './chi-square.ts';

// P(r distinct digits among 5 decimal digits) = 10·9·…·(10−r+1) · S(5, r) / 10⁵; r = 1 and 2 are pooled.
const CLASS_PROBABILITIES = [0.0136, 0.18, 0.504, 0.3024];

/** Knuth's poker test (TAOCP 3.3.2 D): hands of 5 decimal digits ⌊10u⌋, classified by how many distinct digits. */
export function pokerTest(uniforms: ArrayLike<number>): TestOutcome {
  const hands = Math.floor(uniforms.length / 5);
  const params = { hands, handSize: 5, digits: 10 };
  const tooShort = requireAtLeast({}, params, 'hand count', hands, Math.ceil(5 / CLASS_PROBABILITIES[0]!));
  if (tooShort) return tooShort;
  const counts = new Float64Array(4);
  for (let h = 0; h < hands; h++) {
    let seen = 0;
    for (let j = 0; j < 5; j++) seen |= 1 << Math.floor(uniforms[h * 5 + j]! * 10);
    let distinct = 0;
    for (let v = seen; v; v &= v - 1) distinct++;
    counts[Math.max(0, distinct - 2)]!++;
  }
  const { chiSquare, pValue } = pearsonChiSquare(counts, CLASS_PROBABILITIES.map((p) => p * hands));
  return applicable(params, [pValue], { chiSquare });
}
