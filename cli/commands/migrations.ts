import { resolve } from 'node:path';
import { migrationsCheck, migrationsLint } from '../../migrations-check/index.ts';
import { parseCommandArgs } from '../args.ts';
import { line, type CliIO } from '../io.ts';

export const MIGRATIONS_HELP = `Usage: greenlight migrations check <dir> [options]
       greenlight migrations lint <dir|file> [options]

check  Flyway-compatible validation of a migrations folder (names, versions, checksums, history), a dry run
       of the pending migrations on a disposable clone of the database (timing, locks, table rewrites;
       the source is never written), lock-safety lint, and the Flyway CLI when installed (FLYWAY_BIN/PATH).
       Without --database-url an embedded PostgreSQL is started: versions up to --released are applied
       as the staging state, the rest are dry-run.
lint   Lock-safety lint only (Squawk / strong_migrations style rules), no database.

Options (check):
      --database-url <url>  the staging database (cloned, never written)
      --released <version>  embedded mode: the version production runs now
      --target <version>    migrate up to this version only
      --json                machine output: files (version, description, type, checksum) and findings
Options (lint):
      --json                findings as JSON
      --sarif [file]        SARIF 2.1.0 to stdout, or to a file
  -h, --help                show this help

Exit codes: 0 no blocking finding · 1 blocking findings · 2 could not finish · 64 unusable input.`;

export async function migrationsCommand(argv: string[], io: CliIO): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub !== 'check' && sub !== 'lint') {
    const help = sub === '--help' || sub === '-h';
    line(help ? io.stdout : io.stderr, MIGRATIONS_HELP);
    return help ? 0 : 64;
  }
  if (sub === 'lint') {
    const sarifAt = rest.indexOf('--sarif');
    const sarifFile = sarifAt >= 0 && rest[sarifAt + 1] && !rest[sarifAt + 1]!.startsWith('-') && rest.length > sarifAt + 2 ? rest.splice(sarifAt + 1, 1)[0] : undefined;
    const { values, positionals } = parseCommandArgs('migrations lint', rest, { json: { type: 'boolean' }, sarif: { type: 'boolean' } });
    if (values.help || positionals.length !== 1) return line(values.help ? io.stdout : io.stderr, MIGRATIONS_HELP), values.help ? 0 : 64;
    return migrationsLint({ path: resolve(io.cwd, positionals[0]!), json: values.json, sarif: sarifFile ? resolve(io.cwd, sarifFile) : values.sarif, stdout: io.stdout, stderr: io.stderr });
  }
  const { values, positionals } = parseCommandArgs('migrations check', rest, {
    'database-url': { type: 'string' }, released: { type: 'string' }, target: { type: 'string' }, json: { type: 'boolean' },
  });
  if (values.help || positionals.length !== 1) return line(values.help ? io.stdout : io.stderr, MIGRATIONS_HELP), values.help ? 0 : 64;
  return migrationsCheck({
    dir: resolve(io.cwd, positionals[0]!), databaseUrl: values['database-url'] ?? io.env['DATABASE_URL'], releasedVersion: values.released,
    target: values.target, json: values.json, env: io.env as NodeJS.ProcessEnv, stdout: io.stdout, stderr: io.stderr,
  });
}
