import { chmodSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { findFlyway, flywayConnection, flywayMigrateAndValidate, FlywayCliError, runFlyway } from './flyway-cli.ts';

const fake = join(import.meta.dirname, 'testdata', 'fake-flyway', 'flyway');
const url = 'postgres://migrator:s3cret-pw@127.0.0.1:5544/staging_clone';
let tmp: string;
const savedEnv = { ...process.env };

beforeAll(async () => {
  chmodSync(fake, 0o755);
  tmp = await mkdtemp(join(tmpdir(), 'gl-flyway-'));
});
afterAll(async () => {
  process.env = savedEnv;
  await rm(tmp, { recursive: true, force: true });
});

function withMode(mode: string, log = join(tmp, `${mode}.log`)) {
  process.env.FAKE_FLYWAY_MODE = mode;
  process.env.FAKE_FLYWAY_LOG = log;
  return log;
}

describe('findFlyway', () => {
  test('FLYWAY_BIN wins, then PATH, else none', () => {
    expect(findFlyway({ FLYWAY_BIN: '/opt/flyway/flyway', PATH: dirname(fake) })).toBe('/opt/flyway/flyway');
    expect(findFlyway({ PATH: `/nonexistent:${dirname(fake)}` })).toBe(fake);
    expect(findFlyway({ PATH: '/nonexistent' })).toBeUndefined();
  });
});

test('connection: JDBC URL and user in argv, password only in the environment', () => {
  expect(flywayConnection(url)).toEqual({ args: ['-url=jdbc:postgresql://127.0.0.1:5544/staging_clone', '-user=migrator'], env: { FLYWAY_PASSWORD: 's3cret-pw' } });
});

describe('flywayMigrateAndValidate with a fake flyway', () => {
  test('maps info, migrate and validate', async () => {
    const log = withMode('ok');
    const run = await flywayMigrateAndValidate({ bin: fake, databaseUrl: url, dir: '/m', target: '2' });
    expect(run.info).toEqual([
      { version: '1', description: 'players', type: 'SQL', state: 'Success', script: '/m/V1__players.sql' },
      { version: '2', description: 'player country', type: 'SQL', state: 'Pending', script: '/m/V2__player_country.sql' },
    ]);
    expect(run.migrate).toEqual({ success: true, initialVersion: '1.1', targetVersion: '2', applied: [{ version: '2', description: 'player country', type: 'SQL', script: '/m/V2__player_country.sql', executionTimeMs: 31 }], error: undefined });
    expect(run.validate).toEqual({ valid: true, issues: [] });
    const calls = (await readFile(log, 'utf8')).trim().split('\n');
    expect(calls.map((c) => c.split(' ')[0])).toEqual(['info', 'migrate', 'validate']);
    for (const call of calls) {
      expect(call).toContain('-outputType=json');
      expect(call).toContain('-locations=filesystem:/m');
      expect(call).toContain('-target=2');
      expect(call).toContain('-postgresql.transactional.lock=false');
      expect(call).toContain('password-env:set');
      expect(call).not.toContain('s3cret-pw');
    }
    expect(calls[2]).toContain('-ignoreMigrationPatterns=*:pending,*:future');
  });

  test('a failed migrate keeps file, line and SQLSTATE and skips validate', async () => {
    withMode('migrate-fails');
    const run = await flywayMigrateAndValidate({ bin: fake, databaseUrl: url, dir: '/m' });
    expect(run.migrate.success).toBe(false);
    expect(run.migrate.error).toMatchObject({ errorCode: 'ERROR', sqlState: '23514', line: 4, script: '/m/V2__balance_floor.sql' });
    expect(run.validate).toBeUndefined();
  });

  test('validate failures are mapped to issues', async () => {
    withMode('validate-fails');
    const run = await flywayMigrateAndValidate({ bin: fake, databaseUrl: url, dir: '/m' });
    expect(run.validate).toEqual({ valid: false, issues: [{ code: 'CHECKSUM_MISMATCH', version: '1', script: '/m/V1__players.sql', message: 'Migration checksum mismatch for migration version 1' }] });
  });

  test.each([
    ['garbage', 'NO_JSON_OUTPUT'],
    ['info-error', 'DB_CONNECTION'],
  ])('%s output is an error, never a pass', async (mode, code) => {
    withMode(mode);
    const error = await flywayMigrateAndValidate({ bin: fake, databaseUrl: url, dir: '/m' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FlywayCliError);
    expect((error as FlywayCliError).errorCode).toBe(code);
  });

  test('a missing executable is an error', async () => {
    await expect(runFlyway('info', { bin: join(tmp, 'no-flyway'), databaseUrl: url, dir: '/m' })).rejects.toThrow(FlywayCliError);
  });
});
