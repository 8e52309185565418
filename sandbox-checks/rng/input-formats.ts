import { ConfigError, type ConfigIssue } from '../../core/errors.ts';
import { bitsFromBytes, bitsFromText, bytesFromBits, wordsFromBytes } from './bit-sequence.ts';
import type { BatteryInput } from './battery.ts';
import type { Range } from './output/scaled-outcomes.ts';

export const INPUT_FORMATS = ['bits', 'bytes', 'u32', 'ints'] as const;
export type InputFormat = (typeof INPUT_FORMATS)[number];

/**
 * Turns a dump into battery input. `bits`: ASCII 0/1, whitespace ignored; `bytes`: raw, bits MSB first;
 * `u32`: little-endian 32-bit words; `ints`: whitespace-separated integers inside `range`.
 * Throws ConfigError naming the file, where in it, and what was expected.
 */
export function parseDump(data: Uint8Array, format: InputFormat, file: string, range?: Range): BatteryInput {
  const fail = (issues: ConfigIssue[]): never => {
    throw new ConfigError('rng_input', issues, 'check --format and --range against how the dump was written');
  };
  if (range && format !== 'ints') fail([{ file, path: '--range', message: `--range applies to --format ints, not ${format}` }]);
  switch (format) {
    case 'bits': {
      const parsed = bitsFromText(Buffer.from(data.buffer, data.byteOffset, data.length).toString('latin1'));
      if (!(parsed instanceof Uint8Array)) {
        fail([{ file, path: `byte ${parsed.badIndex}`, message: `unexpected character ${JSON.stringify(String.fromCharCode(data[parsed.badIndex]!))}`, expected: '0, 1 or whitespace' }]);
      }
      const bits = parsed as Uint8Array;
      return { bits, words: wordsFromBytes(bytesFromBits(bits)) };
    }
    case 'bytes':
      return { bits: bitsFromBytes(data), words: wordsFromBytes(data) };
    case 'u32':
      if (data.length % 4 !== 0) {
        fail([{ file, path: `byte ${data.length}`, message: `${data.length} bytes is not a whole number of 32-bit words`, expected: 'a length divisible by 4' }]);
      }
      return { bits: bitsFromBytes(data), words: wordsFromBytes(data) };
    case 'ints':
      return { outcomes: { values: parseInts(data, file, range, fail), range: range! } };
  }
}

function parseInts(data: Uint8Array, file: string, range: Range | undefined, fail: (issues: ConfigIssue[]) => never): number[] {
  if (!range) fail([{ file, path: '--range', message: '--format ints needs the game range', expected: '--range a..b, e.g. 0..36' }]);
  const [low, high] = range!;
  const tokens = Buffer.from(data.buffer, data.byteOffset, data.length).toString('utf8').split(/\s+/).filter(Boolean);
  const issues: ConfigIssue[] = [];
  const values = new Array<number>(tokens.length);
  tokens.forEach((token, index) => {
    const value = /^[+-]?\d+$/.test(token) ? Number(token) : Number.NaN;
    if (!Number.isSafeInteger(value) || value < low || value > high) {
      if (issues.length < 20) issues.push({ file, path: `value ${index + 1}`, message: `${JSON.stringify(token)} is not an integer in ${low}..${high}`, expected: `an integer from ${low} to ${high}` });
    }
    values[index] = value;
  });
  if (issues.length > 0) fail(issues);
  return values;
}

/** Parses `a..b` (or `a,b`) into an integer range with a < b. */
export function parseRange(text: string): Range {
  const match = /^\s*(-?\d+)\s*(?:\.\.|,)\s*(-?\d+)\s*$/.exec(text);
  const low = match ? Number(match[1]) : Number.NaN;
  const high = match ? Number(match[2]) : Number.NaN;
  if (!Number.isSafeInteger(low) || !Number.isSafeInteger(high) || low >= high) {
    throw new ConfigError('rng_range', [{ path: '--range', message: `${JSON.stringify(text)} is not a range`, expected: 'two integers a..b with a < b, e.g. 0..36' }]);
  }
  return [low, high];
}
