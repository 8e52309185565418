import type { Bits } from '../bit-sequence.ts';
import { igamc } from '../special-functions.ts';
import { applicable, requireAtLeast, type TestOptions, type TestOutcome } from '../test-result.ts';

/** SP 800-22 §2.2 Frequency within a block. Default M = 128; n ≥ 100. */
export function blockFrequencyTest(bits: Bits, options: TestOptions & { blockLength?: number } = {}): TestOutcome {
  const n = bits.length;
  const M = options.blockLength ?? 128;
  const N = Math.floor(n / M);
  const params = { n, M, N };
  const tooShort = requireAtLeast(options, params, 'n', n, 100) ?? requireAtLeast({}, params, 'block count N', N, 1);
  if (tooShort) return tooShort;
  let sum = 0;
  for (let block = 0; block < N; block++) {
    let ones = 0;
    for (let j = 0; j < M; j++) ones += bits[block * M + j]!;
    const pi = ones / M - 0.5;
    sum += pi * pi;
  }
  const chiSquare = 4 * M * sum;
  return applicable(params, [igamc(N / 2, chiSquare / 2)], { chiSquare });
}
