import { resolve } from 'node:path';
import { rngTest } from '../../sandbox-checks/rng/index.ts';
import { parseCommandArgs } from '../args.ts';
import { line, type CliIO } from '../io.ts';

export const RNG_HELP = `Usage: greenlight rng test <file|-> --format bits|bytes|u32|ints [options]

Runs the statistical battery on an RNG dump (as test labs do): the 15 NIST SP 800-22 tests with their
default parameters, then output-level tests NIST misses (3-D cube, serial correlation, gap, poker,
birthday spacings; outcome uniformity for --range), Holm-Bonferroni corrected. Tests whose minimum input
size is not met are reported "not-applicable", never failed.

Formats: bits (ASCII 0/1, whitespace ignored) · bytes (raw binary) · u32 (little-endian words) ·
         ints (whitespace-separated integers; needs --range)

Options:
      --format <fmt>        input format (required)
      --range <a..b>        the outcome range for ints, e.g. 0..36
      --confidence <c>      confidence level, default 0.99
      --jurisdiction <id>   take the confidence level of a jurisdiction (e.g. US-PA)
      --correction <name>   holm (default) | benjamini-hochberg
      --json                one entry per test: id, parameters, P-values, status
  -h, --help                show this help

Exit codes: 0 battery passed · 1 battery failed · 2 inconclusive · 64 unusable input.`;

export async function rngCommand(argv: string[], io: CliIO, stdin?: AsyncIterable<Uint8Array | string>): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub !== 'test') {
    const help = sub === '--help' || sub === '-h';
    line(help ? io.stdout : io.stderr, RNG_HELP);
    return help ? 0 : 64;
  }
  const { values, positionals } = parseCommandArgs('rng test', rest, {
    format: { type: 'string' }, range: { type: 'string' }, confidence: { type: 'string' }, jurisdiction: { type: 'string' },
    correction: { type: 'string' }, json: { type: 'boolean' },
  });
  if (values.help || positionals.length !== 1 || !values.format) return line(values.help ? io.stdout : io.stderr, RNG_HELP), values.help ? 0 : 64;
  const input = positionals[0] === '-' ? '-' : resolve(io.cwd, positionals[0]!);
  return rngTest({
    input, format: values.format, range: values.range, json: values.json, jurisdiction: values.jurisdiction, correction: values.correction,
    confidence: values.confidence === undefined ? undefined : Number(values.confidence),
    stdout: io.stdout, stderr: io.stderr, stdin: stdin ?? (process.stdin as AsyncIterable<Uint8Array>),
  });
}
