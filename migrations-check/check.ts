import type { CleanupRegistry } from '../core/cleanup/registry.ts';
import { ConfigError, type ConfigIssue } from '../core/errors.ts';
import { InvalidVersionError, parseVersion } from './version.ts';
import type { AppliedScript } from './apply.ts';
import { loadMigrations, type LoadedMigrations } from './discover.ts';
import { dryRun, type DryRunResult } from './dry-run.ts';
import { startEmbeddedPostgres } from './embedded-postgres.ts';
import { cloneResource, type Cloner } from './clone.ts';
import { findFlyway, flywayMigrateAndValidate, type FlywayCliRun } from './flyway-cli.ts';
import { lintMigrations, type LintFinding } from './lint/lint.ts';
import { migrate } from './migrate.ts';
import type { PreviousReleaseJourney, PreviousReleaseUsage } from './previous-release.ts';
import { historyType } from './naming.ts';
import { cloneLive } from './clone-dump.ts';

export interface MigrationsCheckOptions {
  dir: string;
  /** The staging database; without it an embedded PostgreSQL is started and seeded to `releasedVersion`. */
  databaseUrl?: string;
  /** Embedded mode: versions up to this one are the released (staging) state; none when omitted. */
  releasedVersion?: string;
  target?: string;
  outOfOrder?: boolean;
  previousRelease?: { usage?: PreviousReleaseUsage; journey?: PreviousReleaseJourney };
  lockTimeoutConfigured?: boolean;
  /** Values for `${name}` placeholders in the scripts (Flyway `placeholders`). */
  placeholders?: Readonly<Record<string, string>>;
  /** Path of the Flyway CLI; undefined: look for it (FLYWAY_BIN, PATH); null: do not use it. */
  flywayBin?: string | null;
  env?: NodeJS.ProcessEnv;
  cleanup?: CleanupRegistry;
  signal?: AbortSignal;
  /** How to clone the database, when the environment provides it. */
  cloner?: Cloner;
}

export interface FileSummary {
  script: string;
  version: string | null;
  description: string;
  type: string;
  kind: string;
  checksum: number;
  /** Flyway state against the source database, when it was read. */
  state?: string;
}

/** A problem found by running, not reading: same shape as lint findings so reports list them together. */
export type Finding = LintFinding;

export interface MigrationsCheckReport {
  location: string;
  files: FileSummary[];
  findings: Finding[];
  /** The source database: `embedded` or the redacted URL's database name. */
  source: string;
  dryRun?: { clone: string; success: boolean; initialVersion: string | null; finalVersion: string | null; applied: AppliedScript[]; notes: string[] };
  flyway?: { bin: string; run?: FlywayCliRun; error?: string };
  /** Set when the check could not be completed (clone refused, database unreachable): never a pass. */
  error?: string;
}

export const blockingFindings = (report: MigrationsCheckReport) => report.findings.filter((f) => f.severity === 'error');

function dynamic(rule: string, file: string, line: number, message: string, reason: string, safeAlternative: string, severity: 'error' | 'warning' = 'error'): Finding {
  return { rule, severity, file, line, message, reason, safeAlternative };
}

function dryRunFindings(result: DryRunResult): Finding[] {
  const findings: Finding[] = result.drift.map((issue) =>
    dynamic('history-drift', issue.script, 1, `${issue.code}: ${issue.message}`, 'What the staging database recorded no longer matches the files: Flyway validate will fail on deploy.', 'Restore the released file unchanged; put changes in a new version.'));
  findings.push(...result.migrate.validation.filter((v) => !result.drift.some((d) => d.code === v.code && d.script === v.script)).map((issue) =>
    dynamic('history-drift', issue.script, 1, `${issue.code}: ${issue.message}`, 'Flyway validate fails before migrating.', 'Fix the history or the files so that validate passes.')));
  const failure = result.migrate.failure;
  if (failure) findings.push(dynamic('dry-run-failed', failure.script, failure.line, `${failure.code}${failure.sqlState ? ` ${failure.sqlState}` : ''}: ${failure.message}`, 'The migration fails on a copy of the staging database, so it will fail on deploy.', 'Fix the migration and run the check again.'));
  for (const index of result.migrate.invalidIndexes) findings.push(dynamic('invalid-index', result.migrate.applied.at(-1)?.script ?? result.loaded.location, 1, `index ${index} is INVALID after migrating`, 'A failed CREATE INDEX CONCURRENTLY leaves an invalid index that slows writes and is never used.', 'Drop it and create it again CONCURRENTLY.'));
  for (const script of result.migrate.applied) {
    for (const statement of script.statements) {
      const locked = statement.locks.filter((l) => !l.created && l.mode === 'ACCESS EXCLUSIVE').map((l) => l.relation);
      const rewritten = statement.rewrites.filter((table) => locked.includes(table));
      if (rewritten.length > 0) findings.push(dynamic('table-rewrite', script.script, statement.line, `rewrote ${rewritten.join(', ')} under an ACCESS EXCLUSIVE lock (${statement.durationMs.toFixed(1)} ms on the staging copy)`, 'Reads and writes wait for the whole rewrite; on production data that is an outage.', 'Use an expand/contract change that does not rewrite (new column, backfill in batches).'));
    }
  }
  const previous = result.previousRelease;
  if (previous) {
    for (const missing of [...previous.missingTables, ...previous.missingColumns]) findings.push(dynamic('previous-release-schema', result.loaded.location, 1, `${missing} is used by the previous release but does not exist after migrating`, 'The previous release keeps serving during a rolling deploy.', 'Keep it until the release that stops using it is fully deployed.'));
    if (previous.journey && !previous.journey.ok) findings.push(dynamic('previous-release-journey', result.loaded.location, 1, `the previous release's journey failed on the migrated schema: ${previous.journey.failures.join('; ')}`, 'The previous release keeps serving during a rolling deploy.', 'Make the schema change backward compatible (expand/contract).'));
  }
  return findings;
}

/** A type change the copy of staging shows to be binary-coercible (no rewrite) is only a warning. */
function withDryRunEvidence(findings: Finding[], result: DryRunResult): Finding[] {
  return findings.map((f) => {
    if (f.rule !== 'changing-column-type') return f;
    const statement = result.migrate.applied.find((a) => a.script === f.file)?.statements.find((st) => st.line === f.line);
    if (!statement || statement.rewrites.length > 0) return f;
    return { ...f, severity: 'warning', message: `${f.message}; the dry run shows no table rewrite` };
  });
}

function fileSummaries(loaded: LoadedMigrations, result?: DryRunResult): FileSummary[] {
  return loaded.files.map((file) => ({
    script: file.script,
    version: file.version?.text ?? null,
    description: file.description,
    type: historyType(file.kind),
    kind: file.kind,
    checksum: file.checksum,
    state: result?.info.find((i) => i.file === file)?.state,
  }));
}

async function runFlywayOnClone(bin: string, databaseUrl: string, options: MigrationsCheckOptions): Promise<NonNullable<MigrationsCheckReport['flyway']>> {
  const clone = options.cloner ? await options.cloner('gl_clone_flyway') : await cloneLive(databaseUrl, { prefix: 'gl_clone_flyway', signal: options.signal });
  const handle = options.cleanup?.register(`database clone ${clone.name}`, () => clone.drop(), cloneResource(clone));
  try {
    return { bin, run: await flywayMigrateAndValidate({ bin, databaseUrl: clone.url, dir: options.dir, target: options.target, signal: options.signal }) };
  } catch (error) {
    return { bin, error: error instanceof Error ? error.message : String(error) };
  } finally {
    await clone.drop();
    handle?.release();
  }
}

function flywayFindings(flyway: NonNullable<MigrationsCheckReport['flyway']>, location: string): Finding[] {
  const reason = 'The Flyway CLI itself refused the migrations on a copy of the staging database.';
  if (flyway.error) return [dynamic('flyway-cli', location, 1, flyway.error, reason, 'Fix what Flyway reports.')];
  const findings: Finding[] = [];
  const error = flyway.run?.migrate.error;
  if (error || !flyway.run?.migrate.success) findings.push(dynamic('flyway-cli', error?.script ?? location, error?.line ?? 1, `flyway migrate failed: ${error?.errorCode ?? 'ERROR'}${error?.sqlState ? ` ${error.sqlState}` : ''}: ${error?.message ?? 'no success reported'}`, reason, 'Fix the migration.'));
  for (const issue of flyway.run?.validate?.issues ?? []) findings.push(dynamic('flyway-cli', issue.script || location, 1, `flyway validate: ${issue.code}: ${issue.message}`, reason, 'Fix what Flyway reports.'));
  return findings;
}

async function checkAgainst(databaseUrl: string, source: string, loaded: LoadedMigrations, options: MigrationsCheckOptions): Promise<MigrationsCheckReport> {
  const result = await dryRun({ databaseUrl, dir: options.dir, loaded, cloner: options.cloner, signal: options.signal, target: options.target, outOfOrder: options.outOfOrder, cleanup: options.cleanup, previousRelease: options.previousRelease, placeholders: options.placeholders });
  const pending = new Set(result.info.filter((i) => i.state === 'pending' || i.state === 'outdated' || i.state === 'ignored').map((i) => i.script));
  const lint = await lintMigrations({ ...loaded, issues: [] }, { only: pending, previousReleaseUsage: options.previousRelease?.usage, lockTimeoutConfigured: options.lockTimeoutConfigured, placeholders: options.placeholders });
  const report: MigrationsCheckReport = {
    location: loaded.location,
    files: fileSummaries(loaded, result),
    findings: [...withDryRunEvidence(lint, result), ...dryRunFindings(result)],
    source,
    dryRun: { clone: result.clone, success: result.migrate.success, initialVersion: result.migrate.initialVersion, finalVersion: result.migrate.finalVersion, applied: result.migrate.applied, notes: result.migrate.notes },
  };
  const bin = options.flywayBin === null ? undefined : (options.flywayBin ?? findFlyway(options.env));
  if (bin) {
    report.flyway = await runFlywayOnClone(bin, databaseUrl, options);
    report.findings.push(...flywayFindings(report.flyway, loaded.location));
  }
  return report;
}

/**
 * The whole check: file names, versions, checksums; lint of what is pending; a dry run on a clone of
 * the staging database (or of an embedded one seeded to the released version); N-1; the Flyway CLI when present.
 * Throws ConfigError for unusable input only; any other failure is reported in `error`.
 */
export async function runMigrationsCheck(options: MigrationsCheckOptions): Promise<MigrationsCheckReport> {
  validateOptions(options);
  const loaded = await loadMigrations(options.dir);
  const source = options.databaseUrl ? decodeURIComponent(new URL(options.databaseUrl).pathname.slice(1)) : 'embedded';
  if (loaded.issues.length > 0) {
    const findings = await lintMigrations(loaded, { previousReleaseUsage: options.previousRelease?.usage, lockTimeoutConfigured: options.lockTimeoutConfigured, placeholders: options.placeholders });
    return { location: loaded.location, files: fileSummaries(loaded), findings, source };
  }
  try {
    if (options.databaseUrl) return await checkAgainst(options.databaseUrl, source, loaded, options);
    const server = await startEmbeddedPostgres();
    const handle = options.cleanup?.register(`embedded PostgreSQL on port ${server.port}`, () => server.stop(), { type: 'path', path: server.dir });
    try {
      const staging = await server.createDatabase('staging');
      if (options.releasedVersion) {
        const seeded = await migrate(staging, options.dir, { target: options.releasedVersion, skipRepeatables: true, placeholders: options.placeholders });
        if (!seeded.success) throw new Error(`could not apply the released migrations (up to ${options.releasedVersion}) to the embedded database: ${seeded.failure ? `${seeded.failure.script}:${seeded.failure.line}: ${seeded.failure.message}` : seeded.validation.map((v) => v.message).join('; ')}`);
      }
      return await checkAgainst(staging, source, loaded, options);
    } finally {
      await server.stop();
      handle?.release();
    }
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    const password = options.databaseUrl ? decodeURIComponent(new URL(options.databaseUrl).password) : '';
    const message = error instanceof Error ? error.message : String(error);
    return { location: loaded.location, files: fileSummaries(loaded), findings: [], source, error: password ? message.replaceAll(password, '***') : message };
  }
}

function validateOptions(options: MigrationsCheckOptions): void {
  const issues: ConfigIssue[] = [];
  for (const key of ['target', 'releasedVersion'] as const) {
    const value = options[key];
    if (value === undefined) continue;
    try {
      parseVersion(value);
    } catch (error) {
      if (!(error instanceof InvalidVersionError)) throw error;
      issues.push({ path: key, message: error.message, expected: 'a Flyway version such as 1.4 or 20240829162505' });
    }
  }
  if (options.databaseUrl !== undefined) {
    let protocol = '';
    try {
      protocol = new URL(options.databaseUrl).protocol;
    } catch {
      // reported below
    }
    if (protocol !== 'postgres:' && protocol !== 'postgresql:') issues.push({ path: 'databaseUrl', message: 'is not a PostgreSQL URL', expected: 'postgres://user:password@host:port/database' });
  }
  if (issues.length > 0) throw new ConfigError('MIGRATIONS_OPTIONS', issues);
}
