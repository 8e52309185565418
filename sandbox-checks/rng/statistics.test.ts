import { describe, expect, it } from 'vitest';
import { assessSequences, proportionPassing, uniformityOfPValues } from './assessment.ts';
import { resolveConfidence } from './confidence.ts';
import { adjustPValues } from './correction.ts';
import { mergeSmallCells, pearsonChiSquare } from './output/chi-square.ts';
import { erfc, igamc, normalCdf } from './special-functions.ts';

describe('special functions (shared/reference/rng-payments.md §6 spot checks)', () => {
  it.each([
    { name: 'igamc(1.5, 2.4413026)', value: () => igamc(1.5, 2.4413026), expected: 0.180598 },
    { name: 'igamc(2, 0.8)', value: () => igamc(2, 0.8), expected: 0.808792 },
    { name: 'igamc(1, 0.4)', value: () => igamc(1, 0.4), expected: 0.67032 },
    { name: 'erfc(1.6/√2)', value: () => erfc(1.6 / Math.SQRT2), expected: 0.109599 },
    { name: 'Φ(1.959964)', value: () => normalCdf(1.959964), expected: 0.975 },
    // Large degrees of freedom, where some libraries drift: Wilson–Hilferty puts this at 0.2111.
    { name: 'igamc(3906, 3956.046875)', value: () => igamc(3906, 3956.046875), expected: 0.211072 },
  ])('$name = $expected', ({ value, expected }) => {
    expect(Math.abs(value() - expected)).toBeLessThan(1e-6);
  });

  it('gives 0, not an exception, when the P-value underflows', () => {
    expect(igamc(2.5, 5000)).toBe(0);
  });
});

describe('multiple-testing corrections', () => {
  const p = [0.01, 0.04, 0.03, 0.005];
  it('Holm–Bonferroni', () => {
    expect(adjustPValues(p, 'holm').map((x) => Number(x.toFixed(6)))).toEqual([0.03, 0.06, 0.06, 0.02]);
  });
  it('Benjamini–Hochberg', () => {
    expect(adjustPValues(p, 'benjamini-hochberg').map((x) => Number(x.toFixed(6)))).toEqual([0.02, 0.04, 0.04, 0.02]);
  });
  it('keeps adjusted P-values within [p, 1]', () => {
    const adjusted = adjustPValues([0.9, 0.5, 0.99], 'holm');
    adjusted.forEach((a) => expect(a).toBeLessThanOrEqual(1));
  });
});

describe('NIST multi-sequence assessment (SP 800-22 §4.2)', () => {
  // The exact band (p̂ − 3√(p̂α/m))·m = 8.956, 96.015, 980.56 as STS flags it; its report prints these truncated (8, 96, 980).
  it.each([
    { m: 10, minimumPassing: 9 },
    { m: 100, minimumPassing: 97 },
    { m: 1000, minimumPassing: 981 },
  ])('m = $m sequences need at least $minimumPassing passing', ({ m, minimumPassing }) => {
    const pass = (count: number) => proportionPassing(Array.from({ length: m }, (_, i) => (i < count ? 0.5 : 0.001)), 0.01).withinBand;
    expect(pass(minimumPassing)).toBe(true);
    expect(pass(minimumPassing - 1)).toBe(false);
  });

  it('uniformity of P-values: flat is uniform, bunched is not (P-value_T < 0.0001)', () => {
    const flat = uniformityOfPValues(Array.from({ length: 100 }, (_, i) => (i + 0.5) / 100));
    expect(flat.chiSquare).toBe(0);
    expect(flat.uniform).toBe(true);
    expect(flat.enoughSequences).toBe(true);
    const bunched = uniformityOfPValues(Array.from({ length: 100 }, () => 0.05));
    expect(bunched.uniform).toBe(false);
  });

  it('no sequences is never a pass', () => {
    expect(proportionPassing([], 0.01).withinBand).toBe(false);
    expect(uniformityOfPValues([]).uniform).toBe(false);
  });
});

describe('chi-square helpers', () => {
  it('computes Pearson χ² and its P-value', () => {
    const result = pearsonChiSquare([10, 20, 30], [20, 20, 20]);
    expect(result.chiSquare).toBe(10);
    expect(result.degreesOfFreedom).toBe(2);
    expect(result.pValue).toBeCloseTo(Math.exp(-5), 12);
  });
  it('merges cells until each expects at least 5', () => {
    const merged = mergeSmallCells([50, 30, 4, 1, 0], [50, 30, 3, 1.5, 0.5]);
    expect(merged.expected.every((e) => e >= 5)).toBe(true);
    expect(merged.observed.reduce((a, b) => a + b)).toBe(85);
  });
});

describe('confidence level', () => {
  it.each([
    { options: {}, expected: 0.99 },
    { options: { jurisdiction: 'US-PA' }, expected: 0.95 },
    { options: { jurisdiction: 'US-PA', confidence: 0.999 }, expected: 0.999 },
    { options: { jurisdiction: 'unknown' }, expected: 0.99 },
  ])('$options → $expected', ({ options, expected }) => {
    expect(resolveConfidence(options)).toBe(expected);
  });
});

describe('assessSequences', () => {
  it('groups P-values by test and index, skipping sequences where the test was not applicable', () => {
    const sequences = Array.from({ length: 60 }, (_, s) => ({
      tests: [
        { id: 'frequency', status: 'pass', pValues: [(s + 1) / 61] },
        { id: 'cumulative-sums', status: 'pass', pValues: [(s + 1) / 61, s < 10 ? 0.001 : 0.5] },
        { id: 'random-excursions', status: s % 2 === 0 ? 'not-applicable' : 'pass', pValues: s % 2 === 0 ? [] : [0.5] },
      ],
    }));
    const assessed = assessSequences(sequences, 0.01);
    const find = (id: string, index: number) => assessed.find((a) => a.id === id && a.index === index)!;
    expect(find('frequency', 0)).toMatchObject({ flagged: false, proportion: { sequences: 60, passed: 60 } });
    expect(find('cumulative-sums', 1)).toMatchObject({ flagged: true, proportion: { passed: 50 } });
    expect(find('random-excursions', 0).proportion.sequences).toBe(30);
    expect(find('random-excursions', 0).flagged).toBe(false);
  });
});
