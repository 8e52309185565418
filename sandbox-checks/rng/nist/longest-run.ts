import type { Bits } from '../bit-sequence.ts';
import { igamc } from '../special-functions.ts';
import { applicable, notApplicable, type TestOptions, type TestOutcome } from '../test-result.ts';

interface Layout {
  M: number;
  /** Run-length classes: ≤ first, each value, ≥ last. */
  classes: number[];
  probabilities: number[];
}

// The class probabilities STS 2.1.2 uses (SP 800-22 §3.4).
const LAYOUTS: { minimum: number; layout: Layout }[] = [
  { minimum: 750_000, layout: { M: 10_000, classes: [10, 11, 12, 13, 14, 15, 16], probabilities: [0.0882, 0.2092, 0.2483, 0.1933, 0.1208, 0.0675, 0.0727] } },
  { minimum: 6272, layout: { M: 128, classes: [4, 5, 6, 7, 8, 9], probabilities: [0.1174035788, 0.242955959, 0.249363483, 0.17517706, 0.102701071, 0.112398847] } },
  { minimum: 128, layout: { M: 8, classes: [1, 2, 3, 4], probabilities: [0.21484375, 0.3671875, 0.23046875, 0.1875] } },
];

/** SP 800-22 §2.4 Longest run of ones in a block; M chosen from n. n ≥ 128. */
export function longestRunTest(bits: Bits, _options?: TestOptions): TestOutcome {
  const n = bits.length;
  const layout = LAYOUTS.find((entry) => n >= entry.minimum)?.layout;
  if (!layout) return notApplicable({ n }, `n is ${n}; the test needs at least 128`);
  const { M, classes, probabilities } = layout;
  const K = classes.length - 1;
  const N = Math.floor(n / M);
  const counts = new Array<number>(classes.length).fill(0);
  for (let block = 0; block < N; block++) {
    let longest = 0;
    let current = 0;
    for (let j = 0; j < M; j++) {
      if (bits[block * M + j] === 1) {
        current++;
        if (current > longest) longest = current;
      } else current = 0;
    }
    const index = Math.min(K, Math.max(0, longest - classes[0]!));
    counts[index]!++;
  }
  let chiSquare = 0;
  counts.forEach((count, i) => {
    const expected = N * probabilities[i]!;
    chiSquare += ((count - expected) * (count - expected)) / expected;
  });
  return applicable({ n, M, K, N }, [igamc(K / 2, chiSquare / 2)], { chiSquare, counts: counts.join(',') });
}
