/** A bit sequence: one byte per bit, each 0 or 1 (NIST's ε). */
export type Bits = Uint8Array;

/** Bits of `bytes`, most significant bit first (the NIST STS convention), optionally only the first `bitCount`. */
export function bitsFromBytes(bytes: Uint8Array, bitCount = bytes.length * 8): Bits {
  const bits = new Uint8Array(bitCount);
  for (let i = 0; i < bitCount; i++) bits[i] = ((bytes[i >>> 3] ?? 0) >>> (7 - (i & 7))) & 1;
  return bits;
}

/** Bits from text of 0/1 characters; anything else must be whitespace. Returns the index of a bad character instead. */
export function bitsFromText(text: string): Bits | { badIndex: number } {
  const bits = new Uint8Array(text.length);
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 48 || c === 49) bits[n++] = c - 48;
    else if (c !== 32 && c !== 9 && c !== 10 && c !== 13) return { badIndex: i };
  }
  return bits.slice(0, n);
}

/** Packs bits into bytes, most significant bit first; a partial last byte is dropped. */
export function bytesFromBits(bits: Bits): Uint8Array {
  const bytes = new Uint8Array(bits.length >>> 3);
  for (let i = 0; i < bytes.length; i++) {
    let b = 0;
    for (let j = 0; j < 8; j++) b = (b << 1) | (bits[i * 8 + j] ?? 0);
    bytes[i] = b;
  }
  return bytes;
}

/** Little-endian unsigned 32-bit words; trailing bytes that do not fill a word are dropped. */
export function wordsFromBytes(bytes: Uint8Array): Uint32Array {
  const count = bytes.length >>> 2;
  const view = new DataView(bytes.buffer, bytes.byteOffset, count * 4);
  const words = new Uint32Array(count);
  for (let i = 0; i < count; i++) words[i] = view.getUint32(i * 4, true);
  return words;
}

/** Little-endian bytes of 32-bit words (the inverse of wordsFromBytes). */
export function bytesFromWords(words: ArrayLike<number>): Uint8Array {
  const bytes = new Uint8Array(words.length * 4);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < words.length; i++) view.setUint32(i * 4, (words[i] ?? 0) >>> 0, true);
  return bytes;
}

export function bitsFromString(text: string): Bits {
  const parsed = bitsFromText(text);
  if (!(parsed instanceof Uint8Array)) throw new Error(`not a bit string at index ${parsed.badIndex}`);
  return parsed;
}
