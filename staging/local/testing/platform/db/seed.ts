import pg from 'pg';

/** Stand-in for the platform's seed: a players table with the demo player. */
export async function seedDemoData(databaseUrl: string, options: { players: number }): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('CREATE TABLE IF NOT EXISTS players (username text PRIMARY KEY)');
    await client.query(`INSERT INTO players VALUES ('demo') ON CONFLICT DO NOTHING`);
    for (let i = 0; i < options.players; i++) await client.query('INSERT INTO players VALUES ($1) ON CONFLICT DO NOTHING', [`player-${i}`]);
  } finally {
    await client.end();
  }
}
