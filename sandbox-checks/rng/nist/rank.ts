import type { Bits } from '../bit-sequence.ts';
import { igamc } from '../special-functions.ts';
import { applicable, requireAtLeast, type TestOptions, type TestOutcome } from '../test-result.ts';
import { gf2Rank } from './gf2-rank.ts';

/** Probability that a random M×Q binary matrix has rank r (SP 800-22 §3.5). */
export function rankProbability(r: number, M: number, Q: number): number {
  let product = 1;
  for (let i = 0; i < r; i++) product *= ((1 - 2 ** (i - Q)) * (1 - 2 ** (i - M))) / (1 - 2 ** (i - r));
  return 2 ** (r * (Q + M - r) - M * Q) * product;
}

export interface RankOptions extends TestOptions {
  rows?: number;
  columns?: number;
  /** Probabilities of full rank, rank − 1 and lower; computed exactly when absent (as STS does). */
  classProbabilities?: [number, number, number];
}

/** SP 800-22 §2.5 Binary matrix rank, 32×32 matrices by default; at least 38 matrices. */
export function rankTest(bits: Bits, options: RankOptions = {}): TestOutcome {
  const M = options.rows ?? 32;
  const Q = options.columns ?? 32;
  const n = bits.length;
  const N = Math.floor(n / (M * Q));
  const params = { n, M, Q, N };
  const tooShort = requireAtLeast(options, params, 'matrix count N', N, 38) ?? requireAtLeast({}, params, 'matrix count N', N, 1);
  if (tooShort) return tooShort;
  const full = Math.min(M, Q);
  const [pFull, pMinusOne, pRest] = options.classProbabilities ?? [
    rankProbability(full, M, Q),
    rankProbability(full - 1, M, Q),
    1 - rankProbability(full, M, Q) - rankProbability(full - 1, M, Q),
  ];
  const rows = new Uint32Array(M);
  let fullCount = 0;
  let minusOneCount = 0;
  for (let k = 0; k < N; k++) {
    for (let i = 0; i < M; i++) {
      let row = 0;
      for (let j = 0; j < Q; j++) row = (row << 1) | bits[k * M * Q + i * Q + j]!;
      rows[i] = row >>> 0;
    }
    const rank = gf2Rank(rows, Q);
    if (rank === full) fullCount++;
    else if (rank === full - 1) minusOneCount++;
  }
  const restCount = N - fullCount - minusOneCount;
  const chiSquare =
    (fullCount - pFull * N) ** 2 / (pFull * N) +
    (minusOneCount - pMinusOne * N) ** 2 / (pMinusOne * N) +
    (restCount - pRest * N) ** 2 / (pRest * N);
  return applicable(params, [igamc(1, chiSquare / 2)], { chiSquare, fullRank: fullCount, rankMinusOne: minusOneCount });
}
