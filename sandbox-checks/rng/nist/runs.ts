import type { Bits } from '../bit-sequence.ts';
import { erfc } from '../special-functions.ts';
import { applicable, requireAtLeast, type TestOptions, type TestOutcome } from '../test-result.ts';

/** SP 800-22 §2.3 Runs. n ≥ 100; when the monobit pre-test fails, P = 0 as in STS. */
export function runsTest(bits: Bits, options?: TestOptions): TestOutcome {
  const n = bits.length;
  const params = { n };
  const tooShort = requireAtLeast(options, params, 'n', n, 100);
  if (tooShort) return tooShort;
  let ones = 0;
  for (let i = 0; i < n; i++) ones += bits[i]!;
  const pi = ones / n;
  if (Math.abs(pi - 0.5) >= 2 / Math.sqrt(n)) return applicable(params, [0], { pi, preTestFailed: true });
  let runs = 1;
  for (let i = 1; i < n; i++) if (bits[i] !== bits[i - 1]) runs++;
  const spread = 2 * n * pi * (1 - pi);
  const pValue = erfc(Math.abs(runs - spread) / (2 * Math.sqrt(2 * n) * pi * (1 - pi)));
  return applicable(params, [pValue], { pi, runs });
}
