import pg from 'pg';

/** Tables and columns the previous release's queries use: they must survive the migration (expand/contract). */
export interface PreviousReleaseUsage {
  /** `table` or `schema.table` → columns read or written by the previous release. */
  tables: Record<string, readonly string[]>;
}

/** The previous release's API journey, run against the migrated clone by whoever owns the platform. */
export type PreviousReleaseJourney = (migratedDatabaseUrl: string) => Promise<{ ok: boolean; failures: string[] }>;

export interface PreviousReleaseResult {
  missingTables: string[];
  /** `table.column` */
  missingColumns: string[];
  /** Undefined when no journey was given. */
  journey?: { ok: boolean; failures: string[] };
}

function splitName(qualified: string): { schema: string; table: string } {
  const dot = qualified.indexOf('.');
  return dot < 0 ? { schema: 'public', table: qualified } : { schema: qualified.slice(0, dot), table: qualified.slice(dot + 1) };
}

/**
 * N-1 check on a migrated database: every table and column the previous release uses still exists;
 * then, when given, the previous release's journey runs against it.
 */
export async function checkPreviousRelease(options: { databaseUrl: string; usage?: PreviousReleaseUsage; journey?: PreviousReleaseJourney }): Promise<PreviousReleaseResult> {
  const result: PreviousReleaseResult = { missingTables: [], missingColumns: [] };
  if (options.usage) {
    const db = new pg.Client({ connectionString: options.databaseUrl });
    await db.connect();
    try {
      const { rows } = await db.query(
        `SELECT table_schema AS schema, table_name AS table, column_name AS column FROM information_schema.columns
         WHERE table_schema NOT IN ('pg_catalog', 'information_schema')`,
      );
      for (const [qualified, columns] of Object.entries(options.usage.tables)) {
        const { schema, table } = splitName(qualified);
        const present = new Set(rows.filter((row) => row.schema === schema && row.table === table).map((row) => row.column as string));
        if (present.size === 0) result.missingTables.push(qualified);
        else for (const column of columns) if (!present.has(column)) result.missingColumns.push(`${qualified}.${column}`);
      }
    } finally {
      await db.end();
    }
  }
  if (options.journey) result.journey = await options.journey(options.databaseUrl);
  return result;
}
