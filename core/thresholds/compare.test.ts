import { describe, expect, it } from 'vitest';
import { compare, growthPercent } from './compare.ts';
import type { ThresholdOperator } from './parse-expression.ts';

const comparisons: Array<[number, ThresholdOperator, number, boolean]> = [
  [1, '<', 2, true], [2, '<', 2, false],
  [2, '<=', 2, true], [3, '<=', 2, false],
  [3, '>', 2, true], [2, '>', 2, false],
  [2, '>=', 2, true], [1, '>=', 2, false],
  [2, '===', 2, true], [2.5, '===', 2, false],
  [1, '!=', 2, true], [2, '!=', 2, false],
  [Infinity, '<=', 20, false], [-Infinity, '>=', -10, false],
  ...(['<', '<=', '>', '>=', '===', '!='] as const).map((operator): [number, ThresholdOperator, number, boolean] => [Number.NaN, operator, 1, false]),
];

describe('compare', () => {
  it.each(comparisons)('%d %s %d → %s', (observed, operator, bound, expected) => {
    expect(compare(observed, operator, bound)).toBe(expected);
  });
});

const growth: Array<[number, number, number]> = [
  [120, 100, 20],
  [80, 100, -20],
  [0, 0, 0],
  [5, 0, Infinity],
  [-5, 0, -Infinity],
  [-50, -100, 50],
];

describe('growthPercent', () => {
  it.each(growth)('%d against %d → %d%', (current, baseline, expected) => {
    expect(growthPercent(current, baseline)).toBeCloseTo(expected, 10);
  });
});
