import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CleanupRegistry } from '../core/cleanup/registry.ts';
import { CloneError } from './clone.ts';
import { dryRun } from './dry-run.ts';
import { flywayLockId, readHistory } from './history.ts';
import { migrate } from './migrate.ts';
import { startEmbeddedPostgres, type EmbeddedServer } from './embedded-postgres.ts';

const testdata = join(import.meta.dirname, 'testdata');
let server: EmbeddedServer;
let databases = 0;

beforeAll(async () => {
  server = await startEmbeddedPostgres();
}, 60_000);
afterAll(async () => {
  await server?.stop();
});

async function staging(dir: string, released = '1.1'): Promise<string> {
  const url = await server.createDatabase(`staging_${++databases}`);
  const result = await migrate(url, join(testdata, dir), { target: released, skipRepeatables: true });
  expect(result.success).toBe(true);
  return url;
}

async function clonesLeft(): Promise<string[]> {
  const { rows } = await server.query('postgres', "SELECT datname FROM pg_database WHERE datname LIKE 'gl_clone%'");
  return rows.map((row) => row.datname as string);
}

async function historyOf(url: string) {
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  try {
    return await readHistory(db);
  } finally {
    await db.end();
  }
}

describe('dryRun', () => {
  test('applies the pending migrations on a clone with timings, locks and rewrites; the source is untouched', async () => {
    const url = await staging('release');
    const before = await historyOf(url);
    const cleanup = new CleanupRegistry({ runId: 'test' });
    const result = await dryRun({ databaseUrl: url, dir: join(testdata, 'release'), cleanup });

    expect(result.migrate.failure).toBeUndefined();
    expect(result.migrate.success).toBe(true);
    expect(result.info.filter((i) => i.state === 'pending').map((i) => i.script)).toEqual(['V2__player_country.sql', 'sub/V2_1__player_country_idx.sql', 'V3__validate_balance_cap.sql', 'R__player_summary.sql']);
    expect(result.migrate.applied.map((a) => [a.script, a.transactional])).toEqual([
      ['V2__player_country.sql', true],
      ['sub/V2_1__player_country_idx.sql', false],
      ['V3__validate_balance_cap.sql', true],
      ['R__player_summary.sql', true],
    ]);
    const [country, index, validate] = result.migrate.applied;
    expect(country!.statements.map((s) => s.line)).toEqual([2, 3, 4]);
    expect(country!.statements[1]!.locks).toContainEqual({ relation: 'public.player', relationKind: 'table', mode: 'ACCESS EXCLUSIVE', created: false });
    expect(country!.statements.flatMap((s) => s.rewrites)).toEqual([]);
    expect(index!.statements[0]!.locks.map((l) => `${l.mode} ${l.relation}`)).toContain('SHARE UPDATE EXCLUSIVE public.player');
    expect(validate!.statements[1]!.locks.map((l) => `${l.mode} ${l.relation}`)).toContain('SHARE UPDATE EXCLUSIVE public.wallet');
    for (const statement of result.migrate.applied.flatMap((a) => a.statements)) expect(statement.durationMs).toBeGreaterThanOrEqual(0);
    expect(result.migrate.finalVersion).toBe('3');

    expect(await historyOf(url)).toEqual(before);
    expect(await clonesLeft()).toEqual([]);
    expect(cleanup.size).toBe(0);
  });

  test('a syntax error is reported with file and line, and no clone is left', async () => {
    const url = await staging('failing-syntax');
    const result = await dryRun({ databaseUrl: url, dir: join(testdata, 'failing-syntax') });
    expect(result.migrate.success).toBe(false);
    expect(result.migrate.failure).toMatchObject({ script: 'V2__typo.sql', line: 5, code: 'SYNTAX_ERROR' });
    expect(result.migrate.failure?.message).toContain('syntax error at or near "DEFALT"');
    expect(await clonesLeft()).toEqual([]);
  });

  test('a constraint violated by existing rows is reported with file and line, rolled back, no clone left', async () => {
    const url = await staging('failing-data');
    const result = await dryRun({ databaseUrl: url, dir: join(testdata, 'failing-data') });
    expect(result.migrate.failure).toMatchObject({ script: 'V2__balance_floor.sql', line: 4, code: 'SQL_ERROR', sqlState: '23514' });
    expect(result.migrate.applied).toEqual([]);
    expect(await clonesLeft()).toEqual([]);
    expect((await historyOf(url)).map((row) => row.script)).toEqual(['V1__players.sql', 'V1_1__wallets.sql']);
  });

  test('the clone is refused, not forced, while others are connected to the source (no dump tools)', async () => {
    const url = await staging('release');
    const other = new pg.Client({ connectionString: url });
    await other.connect();
    process.env['PG_DUMP'] = '/nonexistent/pg_dump';
    try {
      // PostgreSQL waits about 5 s for the other session to leave before refusing.
      const error = await dryRun({ databaseUrl: url, dir: join(testdata, 'release') }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CloneError);
      expect((error as Error).message).toMatch(/other sessions are connected to "staging_\d+"/);
    } finally {
      delete process.env['PG_DUMP'];
      await other.end();
    }
    expect(await clonesLeft()).toEqual([]);
  });

  test('drift on the source (applied then changed) is reported before anything runs', async () => {
    const url = await staging('release');
    await server.query(url.split('/').at(-1)!, "UPDATE flyway_schema_history SET checksum = 42 WHERE version = '1'");
    const result = await dryRun({ databaseUrl: url, dir: join(testdata, 'release') });
    expect(result.drift.map((i) => [i.code, i.script])).toEqual([['CHECKSUM_MISMATCH', 'V1__players.sql']]);
    expect(result.migrate.success).toBe(false);
    expect(result.migrate.applied).toEqual([]);
  });

  test('N-1: tables and columns the previous release uses must survive the migration', async () => {
    const url = await staging('release');
    const result = await dryRun({
      databaseUrl: url,
      dir: join(testdata, 'release'),
      previousRelease: {
        usage: { tables: { player: ['id', 'email', 'nickname'], 'public.wallet': ['balance_cents'], bonus: ['id'] } },
        // The previous release's query, run against the migrated clone.
        journey: async (migratedUrl) => {
          const db = new pg.Client({ connectionString: migratedUrl });
          await db.connect();
          try {
            const { rows } = await db.query('SELECT p.email, w.balance_cents FROM player p JOIN wallet w ON w.player_id = p.id WHERE p.id = 7');
            return rows[0]?.balance_cents === '700' ? { ok: true, failures: [] } : { ok: false, failures: [`unexpected row ${JSON.stringify(rows[0])}`] };
          } finally {
            await db.end();
          }
        },
      },
    });
    expect(result.previousRelease).toEqual({ missingTables: ['bonus'], missingColumns: ['player.nickname'], journey: { ok: true, failures: [] } });
  });
});

describe('migrate', () => {
  test('a deferred constraint failing at COMMIT fails the script; a held Flyway lock is not waited on forever', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gl-deferred-'));
    try {
      await writeFile(join(dir, 'V1__deferred.sql'), [
        'CREATE TABLE parent (id int PRIMARY KEY);',
        'CREATE TABLE child (parent_id int REFERENCES parent (id) DEFERRABLE INITIALLY DEFERRED);',
        'INSERT INTO child VALUES (42);',
      ].join('\n'));
      const url = await server.createDatabase(`deferred_${++databases}`);
      const result = await migrate(url, dir);
      expect(result.failure).toMatchObject({ script: 'V1__deferred.sql', line: 3, sqlState: '23503', message: expect.stringContaining('at commit') });
      expect(await historyOf(url)).toEqual([]);

      const holder = new pg.Client({ connectionString: url });
      await holder.connect();
      try {
        await holder.query('SELECT pg_advisory_lock($1::bigint)', [flywayLockId().toString()]);
        await expect(migrate(url, dir, { lockRetryCount: 1 })).rejects.toThrow(/another migration is running/);
      } finally {
        await holder.end();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('a failed non-transactional migration is recorded as failed, leaves an INVALID index and blocks the next migrate', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gl-cic-'));
    try {
      await writeFile(join(dir, 'V1__t.sql'), 'CREATE TABLE t (a int);\nINSERT INTO t VALUES (1), (1);');
      await writeFile(join(dir, 'V2__t_unique.sql'), '-- duplicates exist\nCREATE UNIQUE INDEX CONCURRENTLY t_a_key ON t (a);');
      const url = await server.createDatabase(`cic_${++databases}`);
      const first = await migrate(url, dir);
      expect(first.failure).toMatchObject({ script: 'V2__t_unique.sql', line: 2, sqlState: '23505' });
      expect(first.invalidIndexes).toEqual(['t_a_key']);
      expect((await historyOf(url)).map((r) => [r.version, r.success])).toEqual([['1', true], ['2', false]]);
      const second = await migrate(url, dir);
      expect(second.validation.map((v) => v.code)).toEqual(['FAILED_VERSIONED_MIGRATION']);
      expect(second.applied).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('replaces placeholders as Flyway does and fails on unknown ones', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gl-placeholders-'));
    try {
      await writeFile(join(dir, 'V1__roles.sql'), "CREATE TABLE ${flyway:defaultSchema}.audit (who text DEFAULT '${flyway:user}', app text DEFAULT '${app}');");
      const url = await server.createDatabase(`placeholders_${++databases}`);
      expect((await migrate(url, dir)).failure).toMatchObject({ script: 'V1__roles.sql', code: 'PLACEHOLDER', message: expect.stringContaining('${app}') });
      expect((await migrate(url, dir, { placeholders: { app: 'casino' } })).success).toBe(true);
      const row = await server.query(`placeholders_${databases}`, "INSERT INTO audit DEFAULT VALUES RETURNING who, app");
      expect(row.rows[0]).toEqual({ who: 'postgres', app: 'casino' });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('writes flyway_schema_history as Flyway does and is idempotent', async () => {
    const url = await server.createDatabase(`fresh_${++databases}`);
    const first = await migrate(url, join(testdata, 'release'));
    expect(first.success).toBe(true);
    const second = await migrate(url, join(testdata, 'release'));
    expect(second.applied).toEqual([]);
    expect(second.success).toBe(true);
    const rows = await historyOf(url);
    expect(rows.map((r) => [r.installedRank, r.version, r.description, r.type, r.script, r.success])).toEqual([
      [1, '1', 'players', 'SQL', 'V1__players.sql', true],
      [2, '1.1', 'wallets', 'SQL', 'V1_1__wallets.sql', true],
      [3, '2', 'player country', 'SQL', 'V2__player_country.sql', true],
      [4, '2.1', 'player country idx', 'SQL', 'sub/V2_1__player_country_idx.sql', true],
      [5, '3', 'validate balance cap', 'SQL', 'V3__validate_balance_cap.sql', true],
      [6, null, 'player summary', 'SQL', 'R__player_summary.sql', true],
    ]);
    expect(rows.every((r) => typeof r.checksum === 'number' && r.installedBy === 'postgres')).toBe(true);
    const columns = await server.query(url.split('/').at(-1)!, "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'flyway_schema_history' ORDER BY ordinal_position");
    expect(columns.rows.map((c) => c.column_name)).toEqual(['installed_rank', 'version', 'description', 'type', 'script', 'checksum', 'installed_by', 'installed_on', 'execution_time', 'success']);
  });
});
