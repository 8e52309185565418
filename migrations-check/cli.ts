import { writeFile } from 'node:fs/promises';
import { ConfigError, formatIssue } from '../core/errors.ts';
import { EXIT } from '../core/exit-codes.ts';
import { blockingFindings, runMigrationsCheck, type MigrationsCheckOptions, type MigrationsCheckReport } from './check.ts';
import { loadMigrations } from './discover.ts';
import { lintMigrations, type LintFinding } from './lint/lint.ts';
import { historyType } from './naming.ts';
import { formatCheckReport, formatFindings } from './report-text.ts';
import { toSarif } from './sarif.ts';

export interface Output {
  write(chunk: string): unknown;
}

function usageError(stderr: Output, error: ConfigError): number {
  stderr.write(`${error.issues.map(formatIssue).join('\n')}\n${error.hint ? `hint: ${error.hint}\n` : ''}`);
  return EXIT.USAGE;
}

export interface MigrationsCheckCliOptions extends Omit<MigrationsCheckOptions, 'cleanup'> {
  json?: boolean;
  stdout: Output;
  stderr: Output;
}

export function checkJson(report: MigrationsCheckReport, exitCode: number): object {
  return {
    location: report.location,
    source: report.source,
    exitCode,
    blocking: blockingFindings(report).length,
    files: report.files,
    findings: report.findings,
    dryRun: report.dryRun,
    flyway: report.flyway,
    error: report.error,
  };
}

/**
 * `greenlight migrations check <dir> [--database-url URL] [--released VERSION] [--json]`.
 * 0: nothing blocking; 1: blocking findings; 2: the check could not be completed; 64: unusable input.
 */
export async function migrationsCheck(options: MigrationsCheckCliOptions): Promise<number> {
  let report: MigrationsCheckReport;
  try {
    report = await runMigrationsCheck(options);
  } catch (error) {
    if (error instanceof ConfigError) return usageError(options.stderr, error);
    throw error;
  }
  const exitCode = report.error ? EXIT.INCONCLUSIVE : blockingFindings(report).length > 0 ? EXIT.NO_GO : EXIT.GO;
  options.stdout.write(options.json ? `${JSON.stringify(checkJson(report, exitCode), null, 2)}\n` : formatCheckReport(report));
  if (report.error) options.stderr.write(`migrations check could not be completed: ${report.error}\n`);
  return exitCode;
}

export interface MigrationsLintCliOptions {
  /** A migrations directory or one script. */
  path: string;
  json?: boolean;
  /** Write SARIF 2.1.0 to this file, or to stdout when `true`. */
  sarif?: string | boolean;
  previousReleaseUsage?: { tables: Record<string, string[]> };
  lockTimeoutConfigured?: boolean;
  placeholders?: Readonly<Record<string, string>>;
  stdout: Output;
  stderr: Output;
}

/** `greenlight migrations lint <dir|file> [--json] [--sarif [FILE]]`: 0 clean, 1 blocking findings, 64 unusable input. */
export async function migrationsLint(options: MigrationsLintCliOptions): Promise<number> {
  let findings: LintFinding[];
  let loaded;
  try {
    loaded = await loadMigrations(options.path);
    findings = await lintMigrations(loaded, { previousReleaseUsage: options.previousReleaseUsage, lockTimeoutConfigured: options.lockTimeoutConfigured, placeholders: options.placeholders });
  } catch (error) {
    if (error instanceof ConfigError) return usageError(options.stderr, error);
    throw error;
  }
  const exitCode = findings.some((f) => f.severity === 'error') ? EXIT.NO_GO : EXIT.GO;
  const sarif = options.sarif ? `${JSON.stringify(toSarif(findings, loaded.location), null, 2)}\n` : undefined;
  if (typeof options.sarif === 'string') await writeFile(options.sarif, sarif!);
  if (options.sarif === true) options.stdout.write(sarif!);
  else if (options.json) {
    const files = loaded.files.map((f) => ({ script: f.script, version: f.version?.text ?? null, description: f.description, type: historyType(f.kind), kind: f.kind, checksum: f.checksum }));
    options.stdout.write(`${JSON.stringify({ location: loaded.location, exitCode, blocking: findings.filter((f) => f.severity === 'error').length, files, findings }, null, 2)}\n`);
  } else options.stdout.write(formatFindings(findings));
  return exitCode;
}
