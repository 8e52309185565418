import { chiSquarePValue } from '../special-functions.ts';

/** Pearson χ² of observed counts against expected counts; df = cells − 1 unless given. */
export function pearsonChiSquare(observed: ArrayLike<number>, expected: ArrayLike<number>, degreesOfFreedom = observed.length - 1) {
  let chiSquare = 0;
  for (let i = 0; i < observed.length; i++) {
    const difference = observed[i]! - expected[i]!;
    chiSquare += (difference * difference) / expected[i]!;
  }
  return { chiSquare, degreesOfFreedom, pValue: chiSquarePValue(chiSquare, degreesOfFreedom) };
}

/** Smallest expected count per cell for the χ² approximation to hold (NIST/SEMATECH §1.3.5.15). */
export const MIN_EXPECTED_PER_CELL = 5;

/**
 * Merges adjacent cells from the ends inward until every expected count reaches `minimum`
 * (classes of unequal probability, e.g. gap lengths or paytable outcomes).
 */
export function mergeSmallCells(observed: number[], expected: number[], minimum = MIN_EXPECTED_PER_CELL) {
  const cells = observed.map((count, i) => ({ observed: count, expected: expected[i]! }));
  let merged = true;
  while (merged && cells.length > 1) {
    merged = false;
    let smallest = 0;
    for (let i = 1; i < cells.length; i++) if (cells[i]!.expected < cells[smallest]!.expected) smallest = i;
    if (cells[smallest]!.expected >= minimum) break;
    const neighbour = smallest === 0 ? 1 : smallest === cells.length - 1 ? smallest - 1 : cells[smallest - 1]!.expected < cells[smallest + 1]!.expected ? smallest - 1 : smallest + 1;
    const [a, b] = [Math.min(smallest, neighbour), Math.max(smallest, neighbour)];
    cells.splice(a, 2, { observed: cells[a]!.observed + cells[b]!.observed, expected: cells[a]!.expected + cells[b]!.expected });
    merged = true;
  }
  return { observed: cells.map((c) => c.observed), expected: cells.map((c) => c.expected) };
}
