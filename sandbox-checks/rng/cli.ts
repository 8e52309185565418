import { readFile } from 'node:fs/promises';
import { ConfigError, errorMessage } from '../../core/errors.ts';
import { EXIT } from '../../core/exit-codes.ts';
import { runBattery } from './battery.ts';
import { resolveConfidence } from './confidence.ts';
import { CORRECTIONS, type Correction } from './correction.ts';
import { INPUT_FORMATS, parseDump, parseRange, type InputFormat } from './input-formats.ts';
import type { Range } from './output/scaled-outcomes.ts';
import { formatBatteryText } from './report-text.ts';

export interface Writable {
  write(chunk: string): unknown;
}

export interface RngTestOptions {
  /** A file path, or `-` for standard input. */
  input: string;
  format: InputFormat | string;
  /** For `ints`: `[a, b]` or `"a..b"`. */
  range?: Range | string;
  json?: boolean;
  confidence?: number;
  jurisdiction?: string;
  correction?: Correction | string;
  stdout: Writable;
  stderr: Writable;
  stdin?: AsyncIterable<Uint8Array | string>;
}

/** Bumped only on breaking changes to the `--json` shape. */
export const RNG_JSON_SCHEMA = 'greenlight.rng-battery/1';

async function readInput(options: RngTestOptions): Promise<Uint8Array> {
  if (options.input === '-') {
    if (!options.stdin) throw new ConfigError('rng_input', [{ path: '<stdin>', message: 'input is - but no standard input was given' }]);
    const chunks: Buffer[] = [];
    for await (const chunk of options.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk));
    return new Uint8Array(Buffer.concat(chunks));
  }
  try {
    return new Uint8Array(await readFile(options.input));
  } catch (error) {
    throw new ConfigError('rng_input', [{ file: options.input, path: '<file>', message: `cannot read: ${errorMessage(error)}`, expected: 'a readable RNG dump' }]);
  }
}

function validate(options: RngTestOptions): { format: InputFormat; range?: Range; correction: Correction; confidence: number } {
  const issues = [];
  if (!INPUT_FORMATS.includes(options.format as InputFormat)) {
    issues.push({ path: '--format', message: `unknown format ${JSON.stringify(options.format)}`, expected: INPUT_FORMATS.join(' | ') });
  }
  const correction = options.correction ?? 'holm';
  if (!CORRECTIONS.includes(correction as Correction)) {
    issues.push({ path: '--correction', message: `unknown correction ${JSON.stringify(correction)}`, expected: CORRECTIONS.join(' | ') });
  }
  const confidence = resolveConfidence(options);
  if (!(confidence > 0.5 && confidence < 1)) issues.push({ path: '--confidence', message: `${confidence} is not a confidence level`, expected: 'a number between 0.5 and 1, e.g. 0.99' });
  let range: Range | undefined;
  try {
    range = typeof options.range === 'string' ? parseRange(options.range) : options.range;
    if (range && !(Number.isSafeInteger(range[0]) && Number.isSafeInteger(range[1]) && range[0] < range[1])) parseRange(`${range[0]}..${range[1]}`);
  } catch (error) {
    if (error instanceof ConfigError) issues.push(...error.issues);
    else throw error;
  }
  if (issues.length > 0) throw new ConfigError('rng_usage', issues);
  return { format: options.format as InputFormat, ...(range ? { range } : {}), correction: correction as Correction, confidence };
}

/**
 * `greenlight rng test <file|-> --format bits|bytes|u32|ints [--range a..b] [--json]`: runs the battery on a dump.
 * Exit 0 when every applicable test passes, 1 when the battery fails, 64 on unusable input (nothing judged).
 */
export async function rngTest(options: RngTestOptions): Promise<number> {
  try {
    const { format, range, correction, confidence } = validate(options);
    const data = await readInput(options);
    const source = options.input === '-' ? '<stdin>' : options.input;
    const input = parseDump(data, format, source, range);
    const result = runBattery(input, { confidence, correction, listAbsent: true });
    if (result.verdict === 'inconclusive') {
      throw new ConfigError('rng_input', [{ file: source, path: '<data>', message: `too little data for any test (${data.length} bytes)`, expected: 'at least 100 bits; 10^6 bits for the full battery' }]);
    }
    if (options.json) {
      options.stdout.write(`${JSON.stringify({ schema: RNG_JSON_SCHEMA, input: { source, format, ...(range ? { range } : {}) }, ...result }, null, 2)}\n`);
    } else options.stdout.write(formatBatteryText(result, source));
    return result.verdict === 'pass' ? EXIT.GO : EXIT.NO_GO;
  } catch (error) {
    if (error instanceof ConfigError) {
      options.stderr.write(`greenlight rng test: ${error.message}\n${error.hint ? `hint: ${error.hint}\n` : ''}`);
      return EXIT.USAGE;
    }
    throw error;
  }
}
