import pg from 'pg';
import type { CleanupRegistry } from '../core/cleanup/registry.ts';
import { databaseName, cloneResource, type Cloner } from './clone.ts';
import { loadMigrations, type LoadedMigrations } from './discover.ts';
import { readHistory } from './history.ts';
import { migrateWith, type MigrateResult } from './migrate.ts';
import { checkPreviousRelease, type PreviousReleaseJourney, type PreviousReleaseResult, type PreviousReleaseUsage } from './previous-release.ts';
import { migrationInfo, validateMigrations, type MigrationInfo, type ValidationIssue } from './validate.ts';
import { cloneLive } from './clone-dump.ts';

export interface DryRunOptions {
  databaseUrl: string;
  dir: string;
  target?: string;
  outOfOrder?: boolean;
  /** When given, the clone's drop is registered here at creation (and released once dropped). */
  cleanup?: CleanupRegistry;
  previousRelease?: { usage?: PreviousReleaseUsage; journey?: PreviousReleaseJourney };
  placeholders?: Readonly<Record<string, string>>;
  /** Files already loaded (saves reading them twice). */
  loaded?: LoadedMigrations;
  /** How to make the clone, when the environment knows better (e.g. a live database with sessions). */
  cloner?: Cloner;
  signal?: AbortSignal;
}

export interface DryRunResult {
  loaded: LoadedMigrations;
  /** Flyway `info` against the source database, before anything ran. */
  info: MigrationInfo[];
  /** Flyway `validate` against the source with `*:pending` ignored: drift in what is already applied. */
  drift: ValidationIssue[];
  clone: string;
  migrate: MigrateResult;
  previousRelease?: PreviousReleaseResult;
  /** Always true when the function returns; a failed drop throws. */
  cloneDropped: boolean;
}

async function readSource(databaseUrl: string) {
  const db = new pg.Client({ connectionString: databaseUrl, options: '-c default_transaction_read_only=on' });
  await db.connect();
  try {
    return await readHistory(db);
  } finally {
    await db.end();
  }
}

/**
 * Copies the database, applies the pending migrations on the copy with statement timing, lock and
 * rewrite tracing, runs the N-1 checks there, and drops the copy on every path. The source is only read.
 */
export async function dryRun(options: DryRunOptions): Promise<DryRunResult> {
  const loaded = options.loaded ?? (await loadMigrations(options.dir));
  const applied = await readSource(options.databaseUrl);
  const info = migrationInfo(loaded.files, applied, options);
  const drift = validateMigrations(info, { ignorePending: true });
  const prefix = `gl_clone_${databaseName(options.databaseUrl)}`.slice(0, 40);
  const clone = options.cloner ? await options.cloner(prefix) : await cloneLive(options.databaseUrl, { prefix, signal: options.signal });
  const handle = options.cleanup?.register(`database clone ${clone.name}`, () => clone.drop(), cloneResource(clone));
  try {
    const db = new pg.Client({ connectionString: clone.url });
    const monitor = new pg.Client({ connectionString: clone.url });
    let migrate: MigrateResult;
    try {
      await db.connect();
      await monitor.connect();
      migrate = await migrateWith(db, loaded, { target: options.target, outOfOrder: options.outOfOrder, placeholders: options.placeholders, monitor });
    } finally {
      await monitor.end().catch(() => {});
      await db.end().catch(() => {});
    }
    const previousRelease = options.previousRelease && migrate.success ? await checkPreviousRelease({ databaseUrl: clone.url, ...options.previousRelease }) : undefined;
    return { loaded, info, drift, clone: clone.name, migrate, previousRelease, cloneDropped: true };
  } finally {
    // A failed drop throws and stays registered, so the runner's cleanup retries and reports it.
    await clone.drop();
    handle?.release();
  }
}
