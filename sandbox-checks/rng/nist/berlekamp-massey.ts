/** Linear complexity of a bit sequence over GF(2) (the length of its shortest LFSR), by Berlekamp–Massey. */
export function linearComplexity(bits: ArrayLike<number>, start = 0, length = bits.length - start): number {
  const c = new Uint8Array(length + 1);
  const b = new Uint8Array(length + 1);
  const t = new Uint8Array(length + 1);
  c[0] = 1;
  b[0] = 1;
  let L = 0;
  let m = -1;
  for (let N = 0; N < length; N++) {
    let d = bits[start + N]!;
    for (let i = 1; i <= L; i++) d ^= c[i]! & bits[start + N - i]!;
    if (d === 0) continue;
    t.set(c);
    const shift = N - m;
    for (let j = 0; j + shift <= length; j++) c[j + shift]! ^= b[j]!;
    if (L <= N / 2) {
      L = N + 1 - L;
      m = N;
      b.set(t);
    }
  }
  return L;
}

/** 32 bits of a packed (LSB-first) bit array starting at bit `offset`; bits outside the array read as 0. */
function window(words: Uint32Array, offset: number): number {
  if (offset <= -32) return 0;
  if (offset < 0) return (words[0]! << -offset) >>> 0;
  const q = offset >>> 5;
  const s = offset & 31;
  const low = words[q] ?? 0;
  return s === 0 ? low : ((low >>> s) | ((words[q + 1] ?? 0) << (32 - s))) >>> 0;
}

function parity(x: number): number {
  x ^= x >>> 16;
  x ^= x >>> 8;
  x ^= x >>> 4;
  x ^= x >>> 2;
  x ^= x >>> 1;
  return x & 1;
}

/**
 * Same result as `linearComplexity`, 32 bits at a time: the block is stored reversed so each discrepancy is the parity
 * of (connection polynomial AND a window of the block). The linear-complexity test spends most of its time here.
 */
export function linearComplexityPacked(bits: ArrayLike<number>, start: number, length: number): number {
  const wordCount = (length >>> 5) + 2;
  const reversed = new Uint32Array(wordCount);
  for (let j = 0; j < length; j++) if (bits[start + length - 1 - j]) reversed[j >>> 5]! |= 1 << (j & 31);
  let c = new Uint32Array(wordCount);
  let b = new Uint32Array(wordCount);
  let spare = new Uint32Array(wordCount);
  c[0] = 1;
  b[0] = 1;
  let L = 0;
  let m = -1;
  for (let N = 0; N < length; N++) {
    // d = Σ_{i=0..L} c_i s_{N−i}, and s_{N−i} is bit (length−1−N+i) of `reversed`.
    const base = length - 1 - N;
    const used = (L >>> 5) + 1;
    // deg c ≤ L always (the Berlekamp–Massey invariant), so no mask is needed above bit L.
    let acc = 0;
    for (let w = 0; w < used; w++) acc ^= c[w]! & window(reversed, base + 32 * w);
    if (parity(acc) === 0) continue;
    const shift = N - m;
    const becomesLonger = L <= N / 2;
    if (becomesLonger) spare.set(c);
    for (let w = shift >>> 5; w < wordCount; w++) c[w]! ^= window(b, 32 * w - shift);
    if (becomesLonger) {
      L = N + 1 - L;
      m = N;
      [b, spare] = [spare, b];
    }
  }
  return L;
}
