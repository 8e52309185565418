import cephes from 'cephes';
import type { TestOutcome } from '../index.ts';

// rng/cephes.d.ts declares only what the battery uses; the binomial tails are in the same library.
const binomial = cephes as unknown as { bdtr(k: number, n: number, p: number): number; bdtrc(k: number, n: number, p: number): number };
await cephes.compiled;

/**
 * The most extreme cell of scaled outcomes against the uniform law on [low, high]: each cell's exact two-sided
 * binomial tail, Bonferroni over the cells. χ² spreads its power over every cell; this test catches a mapping that
 * starves or floods one value (e.g. `floor(b / 255 × 31)` gives the top stop 1/256 instead of 1/32) with few samples.
 */
export function extremeCellTest(values: ArrayLike<number>, range: readonly [number, number]): TestOutcome {
  const [low, high] = range;
  const cells = high - low + 1;
  const n = values.length;
  const params = { n, low, high, cells };
  if (n < 5 * cells) return { applicable: false, params, reason: `${n} outcomes; the test needs at least ${5 * cells}` };
  const counts = new Array<number>(cells).fill(0);
  let outside = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    if (Number.isInteger(v) && v >= low && v <= high) counts[v - low]!++;
    else outside++;
  }
  if (outside > 0) return { applicable: true, params, pValues: [0], statistics: { outsideRange: outside } };
  const p = 1 / cells;
  let smallest = 1;
  let worst = 0;
  counts.forEach((k, cell) => {
    const lower = binomial.bdtr(k, n, p);
    const upper = k === 0 ? 1 : binomial.bdtrc(k - 1, n, p);
    const twoSided = Math.min(1, 2 * Math.min(lower, upper));
    if (twoSided < smallest) [smallest, worst] = [twoSided, cell];
  });
  return {
    applicable: true,
    params,
    pValues: [Math.min(1, cells * smallest)],
    statistics: { cell: low + worst, observed: counts[worst]!, expected: n * p },
  };
}
