import { erfc } from '../special-functions.ts';
import { applicable, requireAtLeast, type TestOutcome } from '../test-result.ts';

/**
 * Lag-k serial correlation of a numeric stream (Knuth TAOCP 3.3.2 K). Under independence r ≈ N(−1/(n−1), 1/n);
 * two-sided P-value from the normal approximation.
 */
export function serialCorrelationTest(values: ArrayLike<number>, options: { lag?: number } = {}): TestOutcome {
  const lag = options.lag ?? 1;
  const n = values.length - lag;
  const params = { n, lag };
  const tooShort = requireAtLeast({}, params, 'pair count', n, 100);
  if (tooShort) return tooShort;
  let sumX = 0;
  let sumY = 0;
  for (let i = 0; i < n; i++) {
    sumX += values[i]!;
    sumY += values[i + lag]!;
  }
  const meanX = sumX / n;
  const meanY = sumY / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = values[i]! - meanX;
    const dy = values[i + lag]! - meanY;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  if (sxx === 0 || syy === 0) return applicable(params, [0], { correlation: Number.NaN, constant: true });
  const r = sxy / Math.sqrt(sxx * syy);
  const z = (r + 1 / (n - 1)) * Math.sqrt(n);
  return applicable(params, [erfc(Math.abs(z) / Math.SQRT2)], { correlation: r, z });
}
