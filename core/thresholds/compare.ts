import type { ThresholdOperator } from './parse-expression.ts';

/** NaN never satisfies anything, so it can never pass. */
export function compare(observed: number, operator: ThresholdOperator, bound: number): boolean {
  if (Number.isNaN(observed) || Number.isNaN(bound)) return false;
  switch (operator) {
    case '<':
      return observed < bound;
    case '<=':
      return observed <= bound;
    case '>':
      return observed > bound;
    case '>=':
      return observed >= bound;
    case '===':
      return observed === bound;
    case '!=':
      return observed !== bound;
  }
}

/**
 * (current − baseline) / |baseline| × 100. A zero baseline gives 0% when current is also 0, and ±∞ otherwise
 * (growth from nothing is unbounded: it fails `<= +N%` and passes `>= -N%`), so a zero baseline never hides a rise.
 */
export function growthPercent(current: number, baseline: number): number {
  if (baseline === 0) return current === 0 ? 0 : current > 0 ? Infinity : -Infinity;
  return ((current - baseline) / Math.abs(baseline)) * 100;
}
