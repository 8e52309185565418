import { describe, expect, it } from 'vitest';
import { binaryDigitsOfE } from '../testing/e-expansion.ts';
import { NIST_TESTS, type NistTestId } from './nist-suite.ts';

// SP 800-22 Appendix B / §2.x.8: P-values of the first 1,000,000 binary digits of e with the STS defaults.
// The digits are computed here exactly (BigInt), not downloaded.
const EXPECTED: { id: NistTestId; index: number; pValue: number }[] = [
  { id: 'frequency', index: 0, pValue: 0.953749 },
  { id: 'block-frequency', index: 0, pValue: 0.211072 },
  { id: 'cumulative-sums', index: 0, pValue: 0.669886 },
  { id: 'cumulative-sums', index: 1, pValue: 0.724265 },
  { id: 'runs', index: 0, pValue: 0.561917 },
  { id: 'longest-run', index: 0, pValue: 0.718945 },
  { id: 'rank', index: 0, pValue: 0.306156 },
  { id: 'dft', index: 0, pValue: 0.847187 },
  { id: 'non-overlapping-template', index: 0, pValue: 0.07879 },
  { id: 'overlapping-template', index: 0, pValue: 0.110434 },
  { id: 'universal', index: 0, pValue: 0.282568 },
  { id: 'approximate-entropy', index: 0, pValue: 0.700073 },
  { id: 'random-excursions', index: 0, pValue: 0.573306 },
  { id: 'random-excursions', index: 4, pValue: 0.786868 },
  { id: 'random-excursions-variant', index: 8, pValue: 0.826009 },
  { id: 'serial', index: 0, pValue: 0.766182 },
  { id: 'serial', index: 1, pValue: 0.462921 },
  { id: 'linear-complexity', index: 0, pValue: 0.826335 },
];

describe('SP 800-22 on the first 10^6 binary digits of e', () => {
  const bits = binaryDigitsOfE(1_000_000);
  const cache = new Map<NistTestId, number[]>();
  const pValuesOf = (id: NistTestId): number[] => {
    if (!cache.has(id)) {
      const outcome = NIST_TESTS[id](bits);
      if (!outcome.applicable) throw new Error(`${id} not applicable: ${outcome.reason}`);
      cache.set(id, outcome.pValues);
    }
    return cache.get(id)!;
  };

  it('the digits start as e does in binary (10.10110111111000010101…)', () => {
    expect(Array.from(bits.slice(0, 24)).join('')).toBe('101011011111100001010100');
  });

  it.each(EXPECTED)('$id[$index] = $pValue', ({ id, index, pValue }) => {
    expect(Math.abs(pValuesOf(id)[index]! - pValue)).toBeLessThan(1e-6);
  });
});
