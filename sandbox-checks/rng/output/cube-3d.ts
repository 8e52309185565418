import { applicable, requireAtLeast, type TestOutcome } from '../test-result.ts';
import { MIN_EXPECTED_PER_CELL, pearsonChiSquare } from './chi-square.ts';

/**
 * χ² over non-overlapping triples of consecutive uniforms, binned d per axis (d³ cells).
 * Exposes generators whose triples lie on few planes (RANDU: 15 planes), which bit-level tests miss.
 */
export function cube3dTest(uniforms: ArrayLike<number>, options: { divisions?: number } = {}): TestOutcome {
  const d = options.divisions ?? 10;
  const triples = Math.floor(uniforms.length / 3);
  const cells = d ** 3;
  const params = { triples, divisions: d, cells };
  const tooShort = requireAtLeast({}, params, 'triple count', triples, MIN_EXPECTED_PER_CELL * cells);
  if (tooShort) return tooShort;
  const counts = new Float64Array(cells);
  for (let t = 0; t < triples; t++) {
    const x = Math.floor(uniforms[3 * t]! * d);
    const y = Math.floor(uniforms[3 * t + 1]! * d);
    const z = Math.floor(uniforms[3 * t + 2]! * d);
    counts[(x * d + y) * d + z]!++;
  }
  const { chiSquare, pValue } = pearsonChiSquare(counts, new Float64Array(cells).fill(triples / cells));
  return applicable(params, [pValue], { chiSquare });
}
