import { createCipheriv } from 'node:crypto';

// Test fixtures: known-good and known-bad generators (shared/reference/rng-payments.md §4.1). Never for outcomes.

/** RANDU: x ← 65539·x mod 2³¹ (x₀ odd). Returns the 31-bit states. */
export function randu(seed: number, count: number): Uint32Array {
  const out = new Uint32Array(count);
  let x = BigInt(seed);
  for (let i = 0; i < count; i++) {
    x = (x * 65539n) & 0x7fffffffn;
    out[i] = Number(x);
  }
  return out;
}

/** RANDU as 32-bit words: the 31-bit state shifted to the top, as a dump of u = x/2³¹ scaled to 32 bits would be. */
export function randuWords(seed: number, count: number): Uint32Array {
  return randu(seed, count).map((x) => (x << 1) >>> 0);
}

/** java.util.Random's 48-bit LCG; `nextInt()` is bits 47…16 of the state. */
export function javaLcgNextInts(seed: bigint, count: number): Int32Array {
  const mask = (1n << 48n) - 1n;
  let state = (seed ^ 0x5deece66dn) & mask;
  const out = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    state = (state * 0x5deece66dn + 0xbn) & mask;
    out[i] = Number(BigInt.asIntN(32, state >> 16n));
  }
  return out;
}

/** The low bit of `nextInt()` (state bit 16), period 2¹⁷: the "low bits of a power-of-two LCG". */
export function javaLcgLowBits(seed: bigint, count: number): Uint8Array {
  return Uint8Array.from(javaLcgNextInts(seed, count), (x) => x & 1);
}

/** A seeded cryptographic stream (AES-256-CTR keystream): reproducible and statistically sound. */
export function aesCtrBytes(seed: number, count: number): Uint8Array {
  const key = Buffer.alloc(32);
  key.writeUInt32LE(seed >>> 0, 0);
  const cipher = createCipheriv('aes-256-ctr', key, Buffer.alloc(16));
  return new Uint8Array(cipher.update(Buffer.alloc(count)));
}

/** Scaled outcomes by `byte % range`: the modulo-biased mapping. */
export function moduloBiasedOutcomes(bytes: Uint8Array, range: number): Uint8Array {
  return bytes.map((b) => b % range);
}

/** Scaled outcomes by rejection sampling (bytes ≥ the largest multiple of range are dropped): unbiased. */
export function rejectionSampledOutcomes(bytes: Uint8Array, range: number): number[] {
  const limit = 256 - (256 % range);
  const out: number[] = [];
  for (const b of bytes) if (b < limit) out.push(b % range);
  return out;
}
