import cephes from 'cephes';

// Cephes is the library NIST STS 2.1.2 itself uses (cephes_igamc, erfc, normal), here compiled to WebAssembly:
// same algorithms, so P-values match STS to the printed digits, also for large degrees of freedom.
await cephes.compiled;

/** Regularized upper incomplete gamma Q(a, x), NIST's `igamc`. */
export function igamc(a: number, x: number): number {
  try {
    return cephes.igamc(a, x);
  } catch (error) {
    // Cephes signals a result below the smallest double as an error; that P-value is 0 for every purpose here.
    if (error instanceof Error && error.message.includes('underflow')) return 0;
    throw error;
  }
}

export function erfc(x: number): number {
  try {
    return cephes.erfc(x);
  } catch (error) {
    if (error instanceof Error && error.message.includes('underflow')) return 0;
    throw error;
  }
}

/** Standard normal CDF Φ(x). */
export function normalCdf(x: number): number {
  return cephes.ndtr(x);
}

/** Standard normal quantile Φ⁻¹(p). */
export function normalQuantile(p: number): number {
  return cephes.ndtri(p);
}

/** P-value of a Pearson chi-square statistic with `degreesOfFreedom`. */
export function chiSquarePValue(chiSquare: number, degreesOfFreedom: number): number {
  return igamc(degreesOfFreedom / 2, chiSquare / 2);
}
