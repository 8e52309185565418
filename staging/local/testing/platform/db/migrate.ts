import pg from 'pg';

/** Stand-in for the platform's migration runner: records one applied migration in flyway_schema_history. */
export async function applyMigrations(databaseUrl: string, options: { upTo?: string } = {}): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`CREATE TABLE IF NOT EXISTS flyway_schema_history (
      installed_rank int PRIMARY KEY, version text, description text, type text, script text, checksum int,
      installed_by text, installed_on timestamptz DEFAULT now(), execution_time int, success boolean)`);
    await client.query(`INSERT INTO flyway_schema_history VALUES (1, $1, 'stub', 'SQL', 'V1__stub.sql', NULL, current_user, now(), 0, true)
      ON CONFLICT DO NOTHING`, [options.upTo ?? '1']);
  } finally {
    await client.end();
  }
}
