/** In-place iterative radix-2 FFT; `re.length` must be a power of two. `inverse` leaves the result unscaled. */
export function fftRadix2(re: Float64Array, im: Float64Array, inverse = false): void {
  const n = re.length;
  if ((n & (n - 1)) !== 0) throw new Error(`fftRadix2 needs a power-of-two length, got ${n}`);
  for (let i = 1, j = 0; i < n; i++) {
    let bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) {
      [re[i], re[j]] = [re[j]!, re[i]!];
      [im[i], im[j]] = [im[j]!, im[i]!];
    }
  }
  const { cos, sin } = twiddles(n);
  const sign = inverse ? 1 : -1;
  for (let size = 2; size <= n; size <<= 1) {
    const half = size >> 1;
    const stride = n / size;
    for (let start = 0; start < n; start += size) {
      for (let k = 0, t = 0; k < half; k++, t += stride) {
        const wRe = cos[t]!;
        const wIm = sign * sin[t]!;
        const a = start + k;
        const b = a + half;
        const tRe = re[b]! * wRe - im[b]! * wIm;
        const tIm = re[b]! * wIm + im[b]! * wRe;
        re[b] = re[a]! - tRe;
        im[b] = im[a]! - tIm;
        re[a] = re[a]! + tRe;
        im[a] = im[a]! + tIm;
      }
    }
  }
}

const twiddleCache = new Map<number, { cos: Float64Array; sin: Float64Array }>();

/** cos and sin of 2πk/n for k < n/2, computed directly (no recurrence drift) and kept per size. */
function twiddles(n: number): { cos: Float64Array; sin: Float64Array } {
  let table = twiddleCache.get(n);
  if (!table) {
    const cos = new Float64Array(n / 2);
    const sin = new Float64Array(n / 2);
    for (let k = 0; k < n / 2; k++) {
      cos[k] = Math.cos((2 * Math.PI * k) / n);
      sin[k] = Math.sin((2 * Math.PI * k) / n);
    }
    table = { cos, sin };
    if (twiddleCache.size > 8) twiddleCache.clear();
    twiddleCache.set(n, table);
  }
  return table;
}

/**
 * The first ⌊n/2⌋ moduli |X_k| of the DFT of a real signal of even length, from one complex DFT of half the length
 * (x_{2j} + i·x_{2j+1}): half the work of a complex transform of the whole signal.
 */
export function realDftModuli(signal: Float64Array): Float64Array {
  const n = signal.length;
  if (n % 2 !== 0) {
    const { re, im } = dft(signal);
    return Float64Array.from({ length: Math.floor(n / 2) }, (_, k) => Math.hypot(re[k]!, im[k]!));
  }
  const h = n / 2;
  const zRe = new Float64Array(h);
  const zIm = new Float64Array(h);
  for (let j = 0; j < h; j++) {
    zRe[j] = signal[2 * j]!;
    zIm[j] = signal[2 * j + 1]!;
  }
  const Z = dft(zRe, zIm);
  const moduli = new Float64Array(h);
  for (let k = 0; k < h; k++) {
    const mirror = k === 0 ? 0 : h - k;
    // E_k = (Z_k + conj Z_{h−k}) / 2, O_k = (Z_k − conj Z_{h−k}) / 2i, X_k = E_k + e^{−2πik/n} O_k.
    const eRe = (Z.re[k]! + Z.re[mirror]!) / 2;
    const eIm = (Z.im[k]! - Z.im[mirror]!) / 2;
    const oRe = (Z.im[k]! + Z.im[mirror]!) / 2;
    const oIm = -(Z.re[k]! - Z.re[mirror]!) / 2;
    const angle = (-2 * Math.PI * k) / n;
    const wRe = Math.cos(angle);
    const wIm = Math.sin(angle);
    moduli[k] = Math.hypot(eRe + wRe * oRe - wIm * oIm, eIm + wRe * oIm + wIm * oRe);
  }
  return moduli;
}

/** Discrete Fourier transform of any length (radix-2 when possible, Bluestein's chirp-z otherwise). */
export function dft(inputRe: ArrayLike<number>, inputIm?: ArrayLike<number>): { re: Float64Array; im: Float64Array } {
  const n = inputRe.length;
  if ((n & (n - 1)) === 0) {
    const re = Float64Array.from(inputRe);
    const im = inputIm ? Float64Array.from(inputIm) : new Float64Array(n);
    if (n > 1) fftRadix2(re, im);
    return { re, im };
  }
  const { size, chirpRe, chirpIm, filterRe, filterIm } = bluesteinPlan(n);
  const aRe = new Float64Array(size);
  const aIm = new Float64Array(size);
  for (let k = 0; k < n; k++) {
    const xRe = inputRe[k]!;
    const xIm = inputIm ? inputIm[k]! : 0;
    aRe[k] = xRe * chirpRe[k]! - xIm * chirpIm[k]!;
    aIm[k] = xRe * chirpIm[k]! + xIm * chirpRe[k]!;
  }
  fftRadix2(aRe, aIm);
  for (let i = 0; i < size; i++) {
    const re = aRe[i]! * filterRe[i]! - aIm[i]! * filterIm[i]!;
    aIm[i] = aRe[i]! * filterIm[i]! + aIm[i]! * filterRe[i]!;
    aRe[i] = re;
  }
  fftRadix2(aRe, aIm, true);
  const re = new Float64Array(n);
  const im = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const cRe = aRe[k]! / size;
    const cIm = aIm[k]! / size;
    re[k] = cRe * chirpRe[k]! - cIm * chirpIm[k]!;
    im[k] = cRe * chirpIm[k]! + cIm * chirpRe[k]!;
  }
  return { re, im };
}

interface BluesteinPlan {
  size: number;
  chirpRe: Float64Array;
  chirpIm: Float64Array;
  /** FFT of the conjugate chirp, the convolution filter. */
  filterRe: Float64Array;
  filterIm: Float64Array;
}

const planCache = new Map<number, BluesteinPlan>();

/** The chirp and its filter's FFT depend only on n: computed once per length (batteries reuse one length). */
function bluesteinPlan(n: number): BluesteinPlan {
  const cached = planCache.get(n);
  if (cached) return cached;
  let size = 1;
  while (size < 2 * n - 1) size <<= 1;
  const chirpRe = new Float64Array(n);
  const chirpIm = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    // k² mod 2n keeps the angle small so large k does not lose precision.
    const angle = (Math.PI * ((k * k) % (2 * n))) / n;
    chirpRe[k] = Math.cos(angle);
    chirpIm[k] = -Math.sin(angle);
  }
  const filterRe = new Float64Array(size);
  const filterIm = new Float64Array(size);
  filterRe[0] = chirpRe[0]!;
  filterIm[0] = -chirpIm[0]!;
  for (let k = 1; k < n; k++) {
    filterRe[k] = filterRe[size - k] = chirpRe[k]!;
    filterIm[k] = filterIm[size - k] = -chirpIm[k]!;
  }
  fftRadix2(filterRe, filterIm);
  const plan = { size, chirpRe, chirpIm, filterRe, filterIm };
  if (planCache.size > 4) planCache.clear();
  planCache.set(n, plan);
  return plan;
}

/** The O(n²) definition, for testing the fast paths. */
export function naiveDft(input: ArrayLike<number>): { re: Float64Array; im: Float64Array } {
  const n = input.length;
  const re = new Float64Array(n);
  const im = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    for (let t = 0; t < n; t++) {
      const angle = (-2 * Math.PI * ((k * t) % n)) / n;
      re[k] = re[k]! + input[t]! * Math.cos(angle);
      im[k] = im[k]! + input[t]! * Math.sin(angle);
    }
  }
  return { re, im };
}
