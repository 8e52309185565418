import { crc32 } from 'node:zlib';

/** Thrown for bytes that are not UTF-8: Java and Node would replace them differently. */
export class NotUtf8Error extends Error {
  constructor() {
    super('file is not valid UTF-8 (Flyway checksums are only reproducible for UTF-8 text)');
    this.name = 'NotUtf8Error';
  }
}

/** Decodes UTF-8 strictly and strips a leading byte-order mark. */
export function decodeMigrationText(bytes: Uint8Array): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new NotUtf8Error();
  }
  return text.startsWith('\uFEFF') ? text.slice(1) : text;
}

/**
 * Flyway's checksum of one script: CRC-32 updated with the UTF-8 bytes of each line (terminators
 * dropped, BOM stripped), returned as a signed 32-bit integer like Java's `(int) crc32.getValue()`.
 * Works on the UTF-8 bytes directly: CR and LF bytes never occur inside a multi-byte character.
 */
export function flywayChecksum(content: string | Uint8Array): number {
  const text = typeof content === 'string' ? content : decodeMigrationText(content);
  const bytes = Buffer.from(text.startsWith('\uFEFF') ? text.slice(1) : text, 'utf8');
  let crc = 0;
  let start = 0;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i];
    if (byte !== 0x0a && byte !== 0x0d) continue;
    if (i > start) crc = crc32(bytes.subarray(start, i), crc);
    if (byte === 0x0d && bytes[i + 1] === 0x0a) i++;
    start = i + 1;
  }
  if (start < bytes.length) crc = crc32(bytes.subarray(start), crc);
  return crc | 0;
}

/** Flyway's checksum over several resources: CRC-32 of each checksum as 4 big-endian bytes. */
export function combinedChecksum(checksums: readonly number[]): number {
  let crc = 0;
  for (const value of checksums) {
    const bytes = Buffer.alloc(4);
    bytes.writeInt32BE(value);
    crc = crc32(bytes, crc);
  }
  return crc | 0;
}
