import type { Bits } from '../bit-sequence.ts';

/** Counts of every overlapping m-bit pattern, the sequence wrapped around at its end (SP 800-22 §2.11, §2.12). */
export function cyclicPatternCounts(bits: Bits, m: number): Float64Array {
  const counts = new Float64Array(2 ** m);
  if (m === 0) return counts;
  const n = bits.length;
  const mask = 2 ** m - 1;
  let value = 0;
  for (let i = 0; i < m - 1; i++) value = (value << 1) | bits[i]!;
  for (let i = 0; i < n; i++) {
    value = ((value << 1) | bits[(i + m - 1) % n]!) & mask;
    counts[value]!++;
  }
  return counts;
}
