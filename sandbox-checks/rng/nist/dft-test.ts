import type { Bits } from '../bit-sequence.ts';
import { erfc } from '../special-functions.ts';
import { applicable, requireAtLeast, type TestOptions, type TestOutcome } from '../test-result.ts';
import { realDftModuli } from './fft.ts';

/** SP 800-22 §2.6 Discrete Fourier transform (spectral). n ≥ 1000. */
export function dftTest(bits: Bits, options?: TestOptions): TestOutcome {
  const n = bits.length;
  const params = { n };
  const tooShort = requireAtLeast(options, params, 'n', n, 1000);
  if (tooShort) return tooShort;
  const signal = new Float64Array(n);
  for (let i = 0; i < n; i++) signal[i] = 2 * bits[i]! - 1;
  const moduli = realDftModuli(signal);
  const threshold = Math.sqrt(Math.log(1 / 0.05) * n);
  const expectedBelow = (0.95 * n) / 2;
  let below = 0;
  for (let k = 0; k < n / 2; k++) if (moduli[k]! < threshold) below++;
  const d = (below - expectedBelow) / Math.sqrt((n * 0.95 * 0.05) / 4);
  return applicable(params, [erfc(Math.abs(d) / Math.SQRT2)], { threshold, expectedBelow, below, d });
}
