import type { Bits } from '../bit-sequence.ts';

/** Σ_{k=a+1}^{b} a!/k! as p/q by binary splitting. */
function split(a: bigint, b: bigint): { p: bigint; q: bigint } {
  if (b - a === 1n) return { p: 1n, q: b };
  const middle = (a + b) / 2n;
  const left = split(a, middle);
  const right = split(middle, b);
  return { p: left.p * right.q + right.p, q: left.q * right.q };
}

/**
 * The first `count` binary digits of e (including the integer part "10"), computed exactly with BigInt:
 * the data set SP 800-22 Appendix B reports reference P-values for.
 */
export function binaryDigitsOfE(count: number): Bits {
  let terms = 2n;
  let log2Factorial = 0;
  while (log2Factorial < count + 64) log2Factorial += Math.log2(Number(++terms));
  const { p, q } = split(0n, terms);
  // e = 1 + p/q; scaled by 2^(count−2) so the integer part's two digits lead.
  const scaled = ((q + p) << BigInt(count - 2)) / q;
  const text = scaled.toString(2);
  const bits = new Uint8Array(count);
  for (let i = 0; i < count; i++) bits[i] = text.charCodeAt(i) - 48;
  return bits;
}
