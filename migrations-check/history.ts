import type pg from 'pg';

export const HISTORY_TABLE = 'flyway_schema_history';

/** One row of `flyway_schema_history`, Flyway's columns. */
export interface AppliedMigration {
  installedRank: number;
  version: string | null;
  description: string;
  type: string;
  script: string;
  checksum: number | null;
  installedBy: string;
  installedOn: Date;
  executionTime: number;
  success: boolean;
}

type Queryable = Pick<pg.ClientBase, 'query'>;

function quoted(identifier: string): string {
  return `"${identifier.replaceAll('"', '""')}"`;
}

export function qualifiedHistoryTable(schema = 'public', table = HISTORY_TABLE): string {
  return `${quoted(schema)}.${quoted(table)}`;
}

/** Flyway's create script for PostgreSQL (PostgreSQLDatabase.getRawCreateScript). */
export function historyTableDdl(schema = 'public', table = HISTORY_TABLE): string {
  const name = qualifiedHistoryTable(schema, table);
  return `CREATE TABLE ${name} (
    "installed_rank" INT NOT NULL,
    "version" VARCHAR(50),
    "description" VARCHAR(200) NOT NULL,
    "type" VARCHAR(20) NOT NULL,
    "script" VARCHAR(1000) NOT NULL,
    "checksum" INTEGER,
    "installed_by" VARCHAR(100) NOT NULL,
    "installed_on" TIMESTAMP NOT NULL DEFAULT now(),
    "execution_time" INTEGER NOT NULL,
    "success" BOOLEAN NOT NULL
);
ALTER TABLE ${name} ADD CONSTRAINT ${quoted(`${table}_pk`)} PRIMARY KEY ("installed_rank");
CREATE INDEX ${quoted(`${table}_s_idx`)} ON ${name} ("success");`;
}

export async function historyTableExists(db: Queryable, schema = 'public', table = HISTORY_TABLE): Promise<boolean> {
  const result = await db.query('SELECT to_regclass($1) IS NOT NULL AS present', [qualifiedHistoryTable(schema, table)]);
  return result.rows[0]?.present === true;
}

export async function ensureHistoryTable(db: Queryable, schema = 'public', table = HISTORY_TABLE): Promise<void> {
  if (!(await historyTableExists(db, schema, table))) await db.query(historyTableDdl(schema, table));
}

/** The applied migrations in installed_rank order; empty when the table does not exist. */
export async function readHistory(db: Queryable, schema = 'public', table = HISTORY_TABLE): Promise<AppliedMigration[]> {
  if (!(await historyTableExists(db, schema, table))) return [];
  const result = await db.query(
    `/*NO LOAD BALANCE*/ SELECT installed_rank, version, description, type, script, checksum, installed_by, installed_on, execution_time, success
     FROM ${qualifiedHistoryTable(schema, table)} ORDER BY installed_rank`,
  );
  return result.rows.map((row) => ({
    installedRank: row.installed_rank,
    version: row.version,
    description: row.description,
    type: row.type === 'SPRING_JDBC' ? 'JDBC' : row.type,
    script: row.script,
    checksum: row.checksum,
    installedBy: row.installed_by,
    installedOn: row.installed_on,
    executionTime: row.execution_time,
    success: row.success,
  }));
}

export interface HistoryInsert {
  version: string | null;
  description: string;
  type: string;
  script: string;
  checksum: number | null;
  executionTime: number;
  success: boolean;
}

export async function insertHistoryRow(db: Queryable, row: HistoryInsert, schema = 'public', table = HISTORY_TABLE): Promise<void> {
  const name = qualifiedHistoryTable(schema, table);
  await db.query(
    `INSERT INTO ${name} (installed_rank, version, description, type, script, checksum, installed_by, execution_time, success)
     VALUES ((SELECT COALESCE(MAX(installed_rank), 0) + 1 FROM ${name}), $1, $2, $3, $4, $5, current_user, $6, $7)`,
    [row.version, row.description, row.type, row.script, row.checksum, Math.round(row.executionTime), row.success],
  );
}

function javaStringHash(text: string): number {
  let hash = 0;
  for (let i = 0; i < text.length; i++) hash = (Math.imul(hash, 31) + text.charCodeAt(i)) | 0;
  return hash;
}

/** Flyway's advisory lock id: 0x466C79776179 ("Flyway") + the table name's Java hashCode. */
export function flywayLockId(schema = 'public', table = HISTORY_TABLE): bigint {
  return 0x466c79776179n + BigInt(javaStringHash(qualifiedHistoryTable(schema, table)));
}
