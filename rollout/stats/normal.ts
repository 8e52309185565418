import cephes from 'cephes';

// The ESM build compiles its WebAssembly asynchronously; wait once at load time.
await cephes.compiled;

/** Standard normal CDF Φ(z). */
export function normalCdf(z: number): number {
  return cephes.ndtr(z);
}

/** Standard normal quantile Φ⁻¹(p), 0 < p < 1. */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`normal quantile needs 0 < p < 1, got ${p}`);
  return cephes.ndtri(p);
}
