import pg from 'pg';
import type { ConfigIssue } from '../core/errors.ts';
import { applyScript, type AppliedScript, type MigrationFailure } from './apply.ts';
import { loadMigrations, type LoadedMigrations } from './discover.ts';
import { ensureHistoryTable, flywayLockId, HISTORY_TABLE, readHistory } from './history.ts';
import { compareVersions, parseVersion } from './version.ts';
import { migrationInfo, pendingMigrations, validateMigrations, type ValidationIssue } from './validate.ts';

export interface MigrateOptions {
  /** Highest version to apply (Flyway `target`); later versions stay pending. */
  target?: string;
  outOfOrder?: boolean;
  /** Sample locks of non-transactional statements from a second session (dry runs). */
  sampleLocks?: boolean;
  /** Apply versioned migrations only (seeding a database to an earlier release's state). */
  skipRepeatables?: boolean;
  /** Values for `${name}` placeholders (Flyway `placeholders`); `${flyway:…}` built-ins are always known. */
  placeholders?: Readonly<Record<string, string>>;
  /** Seconds to wait for another migrator's lock (Flyway lockRetryCount, default 50). */
  lockRetryCount?: number;
}

export interface MigrateResult {
  success: boolean;
  /** Highest successfully applied version before and after. */
  initialVersion: string | null;
  finalVersion: string | null;
  applied: AppliedScript[];
  failure?: MigrationFailure;
  /** Problems in the migration files themselves (names, encoding, duplicates): nothing ran. */
  loadIssues: ConfigIssue[];
  /** validateOnMigrate (pending ignored): nothing ran when non-empty. */
  validation: ValidationIssue[];
  /** Indexes left invalid (a failed CREATE INDEX CONCURRENTLY). */
  invalidIndexes: string[];
  /** Things that were not done, in words (callbacks and undo scripts are not executed). */
  notes: string[];
}

async function currentVersion(db: pg.ClientBase): Promise<string | null> {
  let highest: string | null = null;
  for (const row of await readHistory(db)) {
    if (row.version === null || !row.success) continue;
    if (highest === null || compareVersions(parseVersion(row.version), parseVersion(highest)) > 0) highest = row.version;
  }
  return highest;
}

/** Flyway's advisory lock on a single session (transactional.lock=false), retried once a second like lockRetryCount. */
async function acquireFlywayLock(db: pg.ClientBase, lockId: string, retries: number): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    const { rows } = await db.query('SELECT pg_try_advisory_lock($1::bigint) AS locked', [lockId]);
    if (rows[0]?.locked === true) return;
    if (attempt >= retries) throw new Error(`Flyway lock ${lockId} not acquired after ${retries} retries: another migration is running`);
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

/** Migrates an open connection from already loaded files; the caller owns the connection. */
export async function migrateWith(db: pg.ClientBase, loaded: LoadedMigrations, options: MigrateOptions & { monitor?: pg.ClientBase } = {}): Promise<MigrateResult> {
  const notes = loaded.files.filter((f) => f.kind === 'callback' || f.kind === 'undo').map((f) => `${f.script}: ${f.kind} scripts are not executed by this runner`);
  const result: MigrateResult = { success: false, initialVersion: null, finalVersion: null, applied: [], loadIssues: loaded.issues, validation: [], invalidIndexes: [], notes };
  if (loaded.issues.length > 0) return result;
  const lockId = flywayLockId().toString();
  await acquireFlywayLock(db, lockId, options.lockRetryCount ?? 50);
  try {
    const applied = await readHistory(db);
    result.initialVersion = await currentVersion(db);
    const infos = migrationInfo(loaded.files, applied, options);
    result.validation = validateMigrations(infos, { ignorePending: true });
    if (result.validation.length > 0) return result;
    await ensureHistoryTable(db);
    const who = (await db.query('SELECT current_user AS user, current_database() AS database')).rows[0];
    const placeholderContext = { defaultSchema: 'public', user: who.user, database: who.database, table: HISTORY_TABLE };
    for (const file of pendingMigrations(infos).filter((f) => !options.skipRepeatables || f.kind !== 'repeatable')) {
      const outcome = await applyScript(db, file, { monitor: options.monitor, placeholderContext, placeholders: options.placeholders });
      if (!outcome.ok) {
        result.failure = outcome.failure;
        break;
      }
      result.applied.push(outcome.applied);
    }
    result.finalVersion = await currentVersion(db);
    const invalid = await db.query('SELECT indexrelid::regclass::text AS name FROM pg_index WHERE NOT indisvalid ORDER BY 1');
    result.invalidIndexes = invalid.rows.map((row) => row.name as string);
    result.success = !result.failure && result.invalidIndexes.length === 0;
    return result;
  } finally {
    await db.query('SELECT pg_advisory_unlock($1::bigint)', [lockId]);
  }
}

/**
 * Flyway-compatible `migrate`: applies the pending migrations in `dir` to `databaseUrl`, writing
 * `flyway_schema_history` as Flyway does. Never throws for a failing migration: read `success`/`failure`.
 */
export async function migrate(databaseUrl: string, dir: string, options: MigrateOptions = {}): Promise<MigrateResult> {
  const loaded = await loadMigrations(dir);
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  const monitor = options.sampleLocks ? new pg.Client({ connectionString: databaseUrl }) : undefined;
  try {
    await monitor?.connect();
    return await migrateWith(db, loaded, { ...options, monitor });
  } finally {
    await monitor?.end();
    await db.end();
  }
}
