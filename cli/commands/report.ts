import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ConfigError } from '../../core/errors.ts';
import { readReport } from '../../reports/read.ts';
import { renderReport } from '../../reports/index.ts';
import { parseCommandArgs } from '../args.ts';
import { line, type CliIO } from '../io.ts';

const FORMATS = ['json', 'junit', 'md', 'html'] as const;

export const REPORT_HELP = `Usage: greenlight report <run-dir | report.json> [--format json|junit|md|html]

Re-renders a stored run's report to stdout (default: md). <run-dir> may be
.greenlight/runs/latest. The report is validated against its schema first.

Options:
  -f, --format <fmt>   json | junit | md | html (default md)
  -h, --help           show this help`;

export async function reportCommand(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs('report', argv, { format: { type: 'string', short: 'f' } });
  if (values.help) return line(io.stdout, REPORT_HELP), 0;
  const format = (values.format ?? 'md') as (typeof FORMATS)[number];
  if (!FORMATS.includes(format)) throw new ConfigError('usage', [{ path: '--format', message: `unknown format "${format}"`, expected: FORMATS.join(' | ') }]);
  if (positionals.length !== 1) throw new ConfigError('usage', [{ path: 'report', message: 'expected exactly one run directory or report.json' }], 'e.g. greenlight report .greenlight/runs/latest');
  const target = resolve(io.cwd, positionals[0]!);
  const file = existsSync(target) && statSync(target).isDirectory() ? join(target, 'report.json') : target;
  if (!existsSync(file)) throw new ConfigError('report_not_found', [{ file, path: '', message: 'no report.json here' }]);
  io.stdout.write(renderReport(readReport(file), format));
  return 0;
}
