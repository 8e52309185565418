import type { MigrationFile } from './discover.ts';
import type { AppliedMigration } from './history.ts';
import { historyType } from './naming.ts';
import { compareVersions, parseVersion, type MigrationVersion } from './version.ts';

/** Flyway's MigrationState, in snake case. */
export type MigrationState =
  | 'pending' | 'above_target' | 'below_baseline' | 'baseline' | 'ignored' | 'missing' | 'failed_missing'
  | 'success' | 'failed' | 'out_of_order' | 'future' | 'failed_future' | 'outdated' | 'superseded';

export interface MigrationInfo {
  version: string | null;
  description: string;
  type: string;
  script: string;
  state: MigrationState;
  file?: MigrationFile;
  applied?: AppliedMigration;
}

export interface ValidationIssue {
  /** Flyway's CoreErrorCode. */
  code: string;
  script: string;
  version: string | null;
  message: string;
}

export interface InfoOptions {
  /** Highest version to apply; later ones are `above_target`. */
  target?: string;
  /** Flyway's outOfOrder: apply new files below the highest applied version instead of ignoring them. */
  outOfOrder?: boolean;
}

const isVersionedRow = (row: AppliedMigration) => row.version !== null && row.type !== 'SCHEMA' && row.type !== 'DELETE';

function appliedVersionedInfo(file: MigrationFile | undefined, row: AppliedMigration, state: MigrationState): MigrationInfo {
  return { version: row.version, description: row.description, type: row.type, script: row.script, state, file, applied: row };
}

function resolvedInfo(file: MigrationFile, state: MigrationState): MigrationInfo {
  return { version: file.version?.text ?? null, description: file.description, type: historyType(file.kind), script: file.script, state, file };
}

function versionedInfos(files: readonly MigrationFile[], applied: readonly AppliedMigration[], options: InfoOptions): MigrationInfo[] {
  const target = options.target ? parseVersion(options.target) : undefined;
  const rows = applied.filter(isVersionedRow);
  const versioned = files.filter((f) => f.kind === 'versioned');
  const highestResolved = versioned.at(-1)?.version;
  const baselineRow = rows.filter((row) => row.type === 'BASELINE' || row.type === 'SQL_BASELINE').at(-1);
  const baselineVersion = baselineRow?.version ? parseVersion(baselineRow.version) : undefined;
  const infos: MigrationInfo[] = [];
  const appliedVersions: MigrationVersion[] = [];
  let highestApplied: MigrationVersion | undefined;

  for (const row of rows) {
    const version = parseVersion(row.version!);
    appliedVersions.push(version);
    if (row.type === 'BASELINE') {
      infos.push(appliedVersionedInfo(undefined, row, 'baseline'));
    } else {
      const file = files.find((f) => (f.kind === 'versioned' || f.kind === 'baseline') && f.version && compareVersions(f.version, version) === 0);
      const beyond = !highestResolved || compareVersions(version, highestResolved) > 0;
      let state: MigrationState;
      if (!file) state = beyond ? (row.success ? 'future' : 'failed_future') : row.success ? 'missing' : 'failed_missing';
      else if (!row.success) state = 'failed';
      else state = highestApplied && compareVersions(version, highestApplied) < 0 ? 'out_of_order' : 'success';
      infos.push(appliedVersionedInfo(file, row, state));
    }
    if (!highestApplied || compareVersions(version, highestApplied) > 0) highestApplied = version;
  }

  const isApplied = (v: MigrationVersion) => appliedVersions.some((a) => compareVersions(a, v) === 0);
  const withinTarget = (v: MigrationVersion) => !target || compareVersions(v, target) <= 0;
  const baselineFile = rows.length === 0
    ? files.filter((f) => f.kind === 'baseline' && withinTarget(f.version!)).at(-1)
    : undefined;
  if (baselineFile) infos.push(resolvedInfo(baselineFile, 'pending'));
  const floor = baselineFile?.version ?? baselineVersion;

  for (const file of versioned) {
    const version = file.version!;
    if (isApplied(version)) continue;
    let state: MigrationState;
    if (floor && compareVersions(version, floor) <= 0) state = 'below_baseline';
    else if (!withinTarget(version)) state = 'above_target';
    else if (highestApplied && compareVersions(version, highestApplied) < 0) state = options.outOfOrder ? 'pending' : 'ignored';
    else state = 'pending';
    infos.push(resolvedInfo(file, state));
  }
  return infos;
}

function repeatableInfos(files: readonly MigrationFile[], applied: readonly AppliedMigration[]): MigrationInfo[] {
  const rows = applied.filter((row) => row.version === null && row.type !== 'SCHEMA' && row.type !== 'DELETE');
  const latest = new Map<string, AppliedMigration>();
  for (const row of rows) latest.set(row.description, row);
  const infos: MigrationInfo[] = [];
  for (const row of rows) {
    const file = files.find((f) => f.kind === 'repeatable' && f.description === row.description);
    const isLatest = latest.get(row.description) === row;
    const state: MigrationState = !file ? (row.success ? 'missing' : 'failed_missing') : !isLatest ? 'superseded' : !row.success ? 'failed' : row.checksum !== file.checksum ? 'outdated' : 'success';
    infos.push(appliedVersionedInfo(file, row, state));
  }
  for (const file of files.filter((f) => f.kind === 'repeatable')) {
    if (!latest.has(file.description)) infos.push(resolvedInfo(file, 'pending'));
  }
  return infos;
}

/** Flyway `info`: every resolved and applied migration with its state. */
export function migrationInfo(files: readonly MigrationFile[], applied: readonly AppliedMigration[], options: InfoOptions = {}): MigrationInfo[] {
  return [...versionedInfos(files, applied, options), ...repeatableInfos(files, applied)];
}

/** What `migrate` would run, in order: pending versioned (and a baseline script), then pending/outdated repeatables. */
export function pendingMigrations(infos: readonly MigrationInfo[]): MigrationFile[] {
  const versioned = infos.filter((i) => i.state === 'pending' && i.file?.version).map((i) => i.file!);
  versioned.sort((a, b) => compareVersions(a.version!, b.version!) || Number(b.kind === 'baseline') - Number(a.kind === 'baseline'));
  const repeatable = infos.filter((i) => (i.state === 'pending' || i.state === 'outdated') && i.file?.kind === 'repeatable').map((i) => i.file!);
  return [...versioned, ...repeatable];
}

function label(info: MigrationInfo): string {
  return info.version ? `version ${info.version}` : `description ${info.description}`;
}

/** Flyway `validate`; `ignorePending` is what validateOnMigrate does (`*:pending`). Future rows pass (`*:future`). */
export function validateMigrations(infos: readonly MigrationInfo[], options: { ignorePending?: boolean } = {}): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const add = (info: MigrationInfo, code: string, message: string) => issues.push({ code, script: info.script, version: info.version, message });
  const kind = (info: MigrationInfo) => (info.version ? 'VERSIONED' : 'REPEATABLE');
  for (const info of infos) {
    const { applied, file } = info;
    switch (info.state) {
      case 'failed':
      case 'failed_missing':
      case 'failed_future':
        add(info, `FAILED_${kind(info)}_MIGRATION`, `Detected failed migration to ${label(info)} (${info.description}). Please remove any half-completed changes then run repair to fix the schema history.`);
        continue;
      case 'missing':
        add(info, `APPLIED_${kind(info)}_MIGRATION_NOT_RESOLVED`, `Detected applied migration not resolved locally: ${info.version ?? info.description}. If you removed this migration intentionally, run repair to mark the migration as deleted.`);
        continue;
      case 'ignored':
        add(info, 'RESOLVED_VERSIONED_MIGRATION_NOT_APPLIED', `Detected resolved migration not applied to database: ${info.version}. To ignore this migration, set -ignoreMigrationPatterns='*:ignored'. To allow executing this migration, set -outOfOrder=true.`);
        continue;
      case 'pending':
        if (!options.ignorePending) add(info, `RESOLVED_${kind(info)}_MIGRATION_NOT_APPLIED`, `Detected resolved migration not applied to database: ${info.version ?? info.description}.`);
        continue;
      case 'outdated':
        if (!options.ignorePending) add(info, 'OUTDATED_REPEATABLE_MIGRATION', `Detected outdated resolved repeatable migration that should be re-applied to database: ${info.description}.`);
        continue;
    }
    if (!applied || !file || info.state === 'superseded') continue;
    if (file.kind !== 'repeatable' && applied.checksum !== file.checksum) {
      add(info, 'CHECKSUM_MISMATCH', `Migration checksum mismatch for migration ${label(info)}\n-> Applied to database : ${applied.checksum}\n-> Resolved locally    : ${file.checksum}\nEither revert the changes to the migration, or run repair to update the schema history.`);
    }
    if (applied.description !== file.description) {
      add(info, 'DESCRIPTION_MISMATCH', `Migration description mismatch for migration ${label(info)}\n-> Applied to database : ${applied.description}\n-> Resolved locally    : ${file.description}`);
    }
    if (applied.type !== historyType(file.kind)) {
      add(info, 'TYPE_MISMATCH', `Migration type mismatch for migration ${label(info)}\n-> Applied to database : ${applied.type}\n-> Resolved locally    : ${historyType(file.kind)}`);
    }
  }
  return issues;
}
