import type pg from 'pg';
import type { MigrationFile } from './discover.ts';
import { insertHistoryRow } from './history.ts';
import { historyType } from './naming.ts';
import { parseStatements, SqlSyntaxError, type SqlStatement } from './sql.ts';
import { describeLocks, documentedLocks, heldLocks, rewrittenRelations, sampleLocks, snapshotRelations, type LockTrace } from './trace.ts';
import { flywayRunsOutsideTransaction } from './transactions.ts';
import { replacePlaceholders, type PlaceholderContext } from './placeholders.ts';

export interface StatementTrace {
  line: number;
  /** The statement, shortened to 200 characters. */
  text: string;
  durationMs: number;
  /** Locks taken by this statement (new ones only, in a transaction). */
  locks: LockTrace[];
  /** `transaction`: read from pg_locks before commit (exact); `sampled`: polled from a second session, plus the documented lock of the statement. */
  lockSource: 'transaction' | 'sampled';
  /** Tables whose storage was rewritten by this statement. */
  rewrites: string[];
}

export interface AppliedScript {
  script: string;
  version: string | null;
  description: string;
  type: string;
  checksum: number;
  transactional: boolean;
  durationMs: number;
  statements: StatementTrace[];
}

export interface MigrationFailure {
  script: string;
  line: number;
  /** `SQL_ERROR`, `SYNTAX_ERROR`, `MIXED_TRANSACTION` or `PLACEHOLDER`. */
  code: string;
  message: string;
  sqlState?: string;
}

export type ApplyOutcome = { ok: true; applied: AppliedScript } | { ok: false; failure: MigrationFailure };

export interface ApplyOptions {
  /** Second session on the same database, used to sample locks of non-transactional statements. */
  monitor?: pg.ClientBase;
  now?: () => number;
  /** Built-in `${flyway:…}` values; without it placeholders are not replaced. */
  placeholderContext?: Omit<PlaceholderContext, 'filename'>;
  placeholders?: Readonly<Record<string, string>>;
}

const MIXED = 'Detected both transactional and non-transactional statements within the same migration (even though mixed is false).';

/** Decides as Flyway does whether a script runs in a transaction; a mixed script is refused. */
export function transactionMode(file: MigrationFile, statements: readonly SqlStatement[]): { transactional: boolean } | { mixedAt: number } {
  if (file.executeInTransaction !== undefined) return { transactional: file.executeInTransaction };
  const outside = statements.filter(flywayRunsOutsideTransaction);
  if (outside.length === 0) return { transactional: true };
  if (outside.length === statements.length) return { transactional: false };
  const first = statements[0]!;
  const offending = statements.find((s) => flywayRunsOutsideTransaction(s) !== flywayRunsOutsideTransaction(first))!;
  return { mixedAt: offending.line };
}

function errorLine(statement: SqlStatement, error: { position?: string }): number {
  const position = Number(error.position);
  if (!Number.isInteger(position) || position < 1) return statement.line;
  return statement.line + (statement.text.slice(0, position - 1).match(/\r\n|\r|\n/g)?.length ?? 0);
}

async function runStatement(db: pg.ClientBase, statement: SqlStatement, transactional: boolean, options: ApplyOptions): Promise<StatementTrace> {
  const now = options.now ?? (() => performance.now());
  const relationsBefore = await snapshotRelations(db);
  const locksBefore = transactional ? await heldLocks(db) : new Map();
  const pid = options.monitor && !transactional ? ((await db.query('SELECT pg_backend_pid() AS pid')).rows[0].pid as number) : undefined;
  const sampler = options.monitor && pid !== undefined ? sampleLocks(options.monitor, pid) : undefined;
  const started = now();
  let sampled: Map<string, { oid: string; mode: string }> | undefined;
  try {
    await db.query(statement.text);
  } finally {
    sampled = await sampler?.stop();
  }
  const durationMs = now() - started;
  const relationsAfter = await snapshotRelations(db);
  const locks = transactional
    ? [...(await heldLocks(db))].filter(([key]) => !locksBefore.has(key)).map(([, lock]) => lock)
    : [...new Map([...(sampled?.values() ?? []), ...documentedLocks(statement, relationsBefore)].map((l) => [`${l.oid}|${l.mode}`, l])).values()];
  return {
    line: statement.line,
    text: statement.text.length > 200 ? `${statement.text.slice(0, 197)}...` : statement.text,
    durationMs,
    locks: describeLocks(locks, relationsBefore, relationsAfter),
    lockSource: transactional ? 'transaction' : 'sampled',
    rewrites: rewrittenRelations(relationsBefore, relationsAfter),
  };
}

/**
 * Applies one script as Flyway would (one transaction unless the statements or its `.conf` say
 * otherwise), timing each statement and recording its locks and rewrites, then writes the history row.
 */
export async function applyScript(db: pg.ClientBase, file: MigrationFile, options: ApplyOptions = {}): Promise<ApplyOutcome> {
  const now = options.now ?? (() => performance.now());
  const fail = (line: number, code: string, message: string, sqlState?: string): ApplyOutcome => ({ ok: false, failure: { script: file.script, line, code, message, sqlState } });
  let sql = file.sql;
  if (options.placeholderContext) {
    const replaced = replacePlaceholders(sql, { ...options.placeholderContext, filename: file.script.split('/').at(-1)! }, options.placeholders);
    if (replaced.missing.length > 0) return fail(1, 'PLACEHOLDER', `No value provided for placeholder: ${replaced.missing.map((name) => `\${${name}}`).join(', ')}. Check your configuration!`);
    sql = replaced.sql;
  }
  let statements: SqlStatement[];
  try {
    statements = await parseStatements(sql);
  } catch (error) {
    if (error instanceof SqlSyntaxError) return fail(error.line, 'SYNTAX_ERROR', error.message, '42601');
    throw error;
  }
  const mode = transactionMode(file, statements);
  if ('mixedAt' in mode) return fail(mode.mixedAt, 'MIXED_TRANSACTION', `${MIXED} Offending statement found at line ${mode.mixedAt}`);
  const { transactional } = mode;
  const started = now();
  const traces: StatementTrace[] = [];
  const row = { version: file.version?.text ?? null, description: file.description, type: historyType(file.kind), script: file.script, checksum: file.checksum };
  if (transactional) await db.query('BEGIN');
  for (const statement of statements) {
    try {
      traces.push(await runStatement(db, statement, transactional, options));
    } catch (error) {
      const pgError = error as { message?: string; code?: string; position?: string };
      if (transactional) await db.query('ROLLBACK');
      else await insertHistoryRow(db, { ...row, executionTime: now() - started, success: false });
      return fail(errorLine(statement, pgError), 'SQL_ERROR', pgError.message ?? String(error), pgError.code);
    }
  }
  const durationMs = now() - started;
  try {
    await insertHistoryRow(db, { ...row, executionTime: durationMs, success: true });
    if (transactional) await db.query('COMMIT');
  } catch (error) {
    // Deferred constraints are checked at COMMIT: the script failed as a whole.
    const pgError = error as { message?: string; code?: string };
    if (transactional) await db.query('ROLLBACK').catch(() => {});
    return fail(statements.at(-1)?.line ?? 1, 'SQL_ERROR', `at commit: ${pgError.message ?? String(error)}`, pgError.code);
  }
  return { ok: true, applied: { ...row, transactional, durationMs, statements: traces } };
}
