import { describe, expect, it } from 'vitest';
import { averageRanks, hodgesLehmann, mannWhitney } from './mann-whitney.ts';
import { normalCdf, normalQuantile } from './normal.ts';

const shiftedControl = [1.1, 2.3, 3.2, 4.8, 5.5, 6.1, 7.4];
const shiftedExperiment = [3.9, 5.2, 6.6, 7.7, 8.3, 9.8, 10.2, 11.5];
const errors = (ones: number, total: number) => [...Array<number>(total - ones).fill(0), ...Array<number>(ones).fill(1)];

// Expected values from scipy.stats.mannwhitneyu(experiment, control, method='asymptotic') 1.17.1.
const cases = [
  { name: 'shifted, no ties', control: shiftedControl, experiment: shiftedExperiment, correct: false, u: 48, p: 0.0206375582439722, hl: 3.6 },
  { name: 'shifted, continuity', control: shiftedControl, experiment: shiftedExperiment, correct: true, u: 48, p: 0.024027671425442047, hl: 3.6 },
  { name: 'heavy ties', control: [1, 1, 2, 2, 2, 3, 3, 4], experiment: [2, 3, 3, 3, 4, 4, 5, 5], correct: false, u: 52.5, p: 0.0269468084968734, hl: 1 },
  { name: 'heavy ties, continuity', control: [1, 1, 2, 2, 2, 3, 3, 4], experiment: [2, 3, 3, 3, 4, 4, 5, 5], correct: true, u: 52.5, p: 0.0309022431770359, hl: 1 },
  { name: '5% vs 20% errors (0/1)', control: errors(5, 100), experiment: errors(20, 100), correct: false, u: 5750, p: 0.0013785398590755481, hl: 0 },
  { name: 'all values tied', control: [5, 5, 5, 5], experiment: [5, 5, 5], correct: false, u: 6, p: 1, hl: 0 },
];

describe('mannWhitney', () => {
  it.each(cases)('$name', ({ control, experiment, correct, u, p, hl }) => {
    const result = mannWhitney(control, experiment, { confidence: 0.95, continuityCorrection: correct });
    expect(result.u).toBe(u);
    expect(result.pValue).toBeCloseTo(p, 10);
    expect(result.estimate).toBeCloseTo(hl, 10);
    expect(result.controlSize).toBe(control.length);
    expect(result.experimentSize).toBe(experiment.length);
  });

  it('is symmetric: swapping sides mirrors U and the shift, keeps p', () => {
    const a = mannWhitney(shiftedControl, shiftedExperiment, { confidence: 0.95 });
    const b = mannWhitney(shiftedExperiment, shiftedControl, { confidence: 0.95 });
    expect(b.u).toBe(7 * 8 - a.u);
    expect(b.pValue).toBeCloseTo(a.pValue, 12);
    expect(b.estimate).toBeCloseTo(-a.estimate, 12);
  });

  it('refuses an empty side', () => {
    expect(() => mannWhitney([], [1], { confidence: 0.95 })).toThrow(/at least one value/);
  });
});

describe('hodgesLehmann confidence interval (order statistics of the 56 pairwise differences)', () => {
  it.each([
    { confidence: 0.95, ci: [0.7, 6.6] },
    { confidence: 0.98, ci: [-0.3, 7.2] },
  ])('$confidence', ({ confidence, ci }) => {
    const result = hodgesLehmann(shiftedControl, shiftedExperiment, confidence);
    expect(result.ci[0]).toBeCloseTo(ci[0]!, 10);
    expect(result.ci[1]).toBeCloseTo(ci[1]!, 10);
  });
});

describe('averageRanks', () => {
  it.each([
    { values: [3, 1, 2], ranks: [3, 1, 2], tieTerm: 0 },
    { values: [2, 2, 1, 2], ranks: [3, 3, 1, 3], tieTerm: 24 },
    { values: [7, 7], ranks: [1.5, 1.5], tieTerm: 6 },
  ])('$values', ({ values, ranks, tieTerm }) => {
    expect(averageRanks(values)).toEqual({ ranks, tieTerm });
  });
});

describe('normal distribution (cephes)', () => {
  it.each([
    { z: 0, p: 0.5 },
    { z: 1.959963984540054, p: 0.975 },
    { z: -2.5758293035489004, p: 0.005 },
  ])('Φ($z) = $p and back', ({ z, p }) => {
    expect(normalCdf(z)).toBeCloseTo(p, 12);
    expect(normalQuantile(p)).toBeCloseTo(z, 10);
  });

  it('rejects p outside (0, 1)', () => {
    expect(() => normalQuantile(1)).toThrow(RangeError);
  });
});

describe('hodgesLehmann on large samples', () => {
  it('thins each side to evenly spaced order statistics and keeps the shift', () => {
    const control = Array.from({ length: 6_000 }, (_, i) => (i * 7919) % 1000);
    const experiment = control.map((x) => x + 100);
    const { estimate, ci } = hodgesLehmann(control, experiment, 0.99);
    expect(estimate).toBeCloseTo(100, 0);
    expect(ci[0]).toBeLessThanOrEqual(100);
    expect(ci[1]).toBeGreaterThanOrEqual(100);
  });
});
