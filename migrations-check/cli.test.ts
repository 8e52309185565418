import { chmodSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { migrationsCheck, migrationsLint } from './cli.ts';
import { startEmbeddedPostgres, type EmbeddedServer } from './embedded-postgres.ts';
import { migrate } from './migrate.ts';

const testdata = join(import.meta.dirname, 'testdata');
const fakeFlyway = join(testdata, 'fake-flyway', 'flyway');
let server: EmbeddedServer;
let databases = 0;

beforeAll(async () => {
  chmodSync(fakeFlyway, 0o755);
  server = await startEmbeddedPostgres();
}, 60_000);
afterAll(async () => {
  await server?.stop();
  delete process.env.FAKE_FLYWAY_MODE;
});

function capture() {
  const out = { stdout: '', stderr: '' };
  return { out, stdout: { write: (s: string) => (out.stdout += s) }, stderr: { write: (s: string) => (out.stderr += s) } };
}

async function staging(dir: string, released: string): Promise<string> {
  const url = await server.createDatabase(`cli_${++databases}`);
  expect((await migrate(url, join(testdata, dir), { target: released, skipRepeatables: true })).success).toBe(true);
  return url;
}

describe('migrationsLint', () => {
  test('a safe release: exit 0, --json lists version, description, type and checksum per file', async () => {
    const io = capture();
    expect(await migrationsLint({ path: join(testdata, 'release'), json: true, ...io })).toBe(0);
    const json = JSON.parse(io.out.stdout);
    expect(json.findings).toEqual([]);
    expect(json.files[0]).toEqual({ script: 'V1__players.sql', version: '1', description: 'players', type: 'SQL', kind: 'versioned', checksum: expect.any(Number) });
    expect(json.files.map((f: { script: string }) => f.script)).toEqual(['V1__players.sql', 'V1_1__wallets.sql', 'V2__player_country.sql', 'sub/V2_1__player_country_idx.sql', 'V3__validate_balance_cap.sql', 'R__player_summary.sql']);
  });

  test('blocking findings: exit 1 with rule, file and line', async () => {
    const io = capture();
    expect(await migrationsLint({ path: join(testdata, 'failing-data', 'V2__balance_floor.sql'), json: true, ...io })).toBe(1);
    expect(JSON.parse(io.out.stdout).findings).toEqual([expect.objectContaining({ rule: 'constraint-missing-not-valid', file: 'V2__balance_floor.sql', line: 4, severity: 'error' })]);
  });

  test('SARIF 2.1.0', async () => {
    const io = capture();
    expect(await migrationsLint({ path: join(testdata, 'failing-syntax'), sarif: true, ...io })).toBe(1);
    const sarif = JSON.parse(io.out.stdout);
    expect(sarif.version).toBe('2.1.0');
    const [run] = sarif.runs;
    expect(run.results).toEqual([expect.objectContaining({ ruleId: 'syntax-error', level: 'error', locations: [{ physicalLocation: { artifactLocation: { uri: 'V2__typo.sql', uriBaseId: 'MIGRATIONS' }, region: { startLine: 5 } } }] })]);
    expect(run.tool.driver.rules[run.results[0].ruleIndex].id).toBe('syntax-error');
  });

  test('unusable input: exit 64 naming the path', async () => {
    const io = capture();
    expect(await migrationsLint({ path: join(testdata, 'nope'), ...io })).toBe(64);
    expect(io.out.stderr).toContain(join(testdata, 'nope'));
  });
});

describe('migrationsCheck', () => {
  test('without a URL: embedded PostgreSQL at the released version, the candidate passes the whole check', async () => {
    const io = capture();
    const code = await migrationsCheck({ dir: join(testdata, 'release'), releasedVersion: '1.1', json: true, flywayBin: null, ...io });
    const json = JSON.parse(io.out.stdout);
    expect(json.findings).toEqual([]);
    expect(code).toBe(0);
    expect(json.source).toBe('embedded');
    expect(json.files.map((f: { state: string }) => f.state)).toEqual(['success', 'success', 'pending', 'pending', 'pending', 'pending']);
    expect(json.dryRun).toMatchObject({ success: true, initialVersion: '1.1', finalVersion: '3' });
  }, 30_000);

  test('a failing migration: exit 1, file and line, human output', async () => {
    const url = await staging('failing-data', '1.1');
    const io = capture();
    expect(await migrationsCheck({ dir: join(testdata, 'failing-data'), databaseUrl: url, flywayBin: null, ...io })).toBe(1);
    expect(io.out.stdout).toMatch(/error\[dry-run-failed\] V2__balance_floor\.sql:4: SQL_ERROR 23514: check constraint "wallet_min_balance"/);
    expect(io.out.stdout).toMatch(/error\[constraint-missing-not-valid\] V2__balance_floor\.sql:4/);
    const clones = await server.query('postgres', "SELECT count(*)::int AS n FROM pg_database WHERE datname LIKE 'gl_clone%'");
    expect(clones.rows[0].n).toBe(0);
  });

  test.each([
    ['ok', 0, []],
    ['migrate-fails', 1, ['flyway-cli']],
    ['validate-fails', 1, ['flyway-cli']],
    ['garbage', 1, ['flyway-cli']],
  ])('the Flyway CLI backend (%s) on a clone', async (mode, exitCode, rules) => {
    process.env.FAKE_FLYWAY_MODE = mode;
    const url = await staging('release', '1.1');
    const io = capture();
    expect(await migrationsCheck({ dir: join(testdata, 'release'), databaseUrl: url, flywayBin: fakeFlyway, json: true, ...io })).toBe(exitCode);
    const json = JSON.parse(io.out.stdout);
    expect(json.findings.map((f: { rule: string }) => f.rule)).toEqual(rules);
    expect(json.flyway.bin).toBe(fakeFlyway);
    const clones = await server.query('postgres', "SELECT count(*)::int AS n FROM pg_database WHERE datname LIKE 'gl_clone%'");
    expect(clones.rows[0].n).toBe(0);
  });

  test('a type change the dry run shows to be rewrite-free is a warning; a rewriting one blocks', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gl-type-'));
    try {
      await writeFile(join(dir, 'V1__t.sql'), "CREATE TABLE t (id int PRIMARY KEY, name varchar(50));\nINSERT INTO t SELECT g, 'n' || g FROM generate_series(1, 100) g;");
      await writeFile(join(dir, 'V2__widen.sql'), "SET lock_timeout = '2s';\nALTER TABLE t ALTER COLUMN name TYPE varchar(100);");
      const url = await server.createDatabase(`cli_${++databases}`);
      expect((await migrate(url, dir)).success).toBe(true);
      await server.query(`cli_${databases}`, "DELETE FROM flyway_schema_history WHERE version = '2'");
      await server.query(`cli_${databases}`, 'ALTER TABLE t ALTER COLUMN name TYPE varchar(50)');
      const io = capture();
      expect(await migrationsCheck({ dir, databaseUrl: url, flywayBin: null, json: true, ...io })).toBe(0);
      expect(JSON.parse(io.out.stdout).findings).toEqual([expect.objectContaining({ rule: 'changing-column-type', severity: 'warning', line: 2, message: expect.stringContaining('no table rewrite') })]);

      await writeFile(join(dir, 'V2__widen.sql'), "SET lock_timeout = '2s';\nALTER TABLE t ALTER COLUMN id TYPE bigint;");
      const io2 = capture();
      expect(await migrationsCheck({ dir, databaseUrl: url, flywayBin: null, json: true, ...io2 })).toBe(1);
      expect(JSON.parse(io2.out.stdout).findings.map((f: { rule: string; severity: string }) => `${f.rule}:${f.severity}`)).toEqual(['changing-column-type:error', 'table-rewrite:error']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test.each([
    [{ target: '1.x' }, 'target: Version may only contain'],
    [{ databaseUrl: 'mysql://x/y' }, 'databaseUrl: is not a PostgreSQL URL'],
    [{ dir: join(testdata, 'missing') }, 'does not exist'],
  ])('unusable input %j: exit 64', async (override, message) => {
    const io = capture();
    expect(await migrationsCheck({ dir: join(testdata, 'release'), flywayBin: null, ...override, ...io })).toBe(64);
    expect(io.out.stderr).toContain(message);
  });

  test('an unreachable database is inconclusive (exit 2), never a pass, and the password is not printed', async () => {
    const io = capture();
    const code = await migrationsCheck({ dir: join(testdata, 'release'), databaseUrl: `postgres://u:hunter22@127.0.0.1:${server.port + 1}/nope`, flywayBin: null, ...io });
    expect(code).toBe(2);
    expect(io.out.stderr).toContain('could not be completed');
    expect(io.out.stdout + io.out.stderr).not.toContain('hunter22');
  });
});
