import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { ConfigError } from '../core/errors.ts';
import { loadMigrations } from './discover.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gl-discover-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

test('finds scripts recursively in Flyway order with checksums and .conf settings', async () => {
  await mkdir(join(dir, 'sub'));
  await writeFile(join(dir, 'V1.10__b.sql'), 'SELECT 110;');
  await writeFile(join(dir, 'sub', 'V1.9__a.sql'), 'SELECT 19;\r\n');
  await writeFile(join(dir, 'R__z.sql'), 'SELECT 0;');
  await writeFile(join(dir, 'V2__cic.sql'), 'CREATE INDEX CONCURRENTLY i ON t (a);');
  await writeFile(join(dir, 'V2__cic.sql.conf'), 'executeInTransaction=false\n');
  await writeFile(join(dir, 'README.md'), '# not a migration');
  const loaded = await loadMigrations(dir);
  expect(loaded.issues).toEqual([]);
  expect(loaded.files.map((f) => f.script)).toEqual(['sub/V1.9__a.sql', 'V1.10__b.sql', 'V2__cic.sql', 'R__z.sql']);
  expect(loaded.files[2]?.executeInTransaction).toBe(false);
  expect(loaded.files[0]?.sql).toBe('SELECT 19;\r\n');
});

test('reports every bad file at once: names, duplicates (1 = 1.0), encoding, .conf', async () => {
  await writeFile(join(dir, 'V1__a.sql'), 'SELECT 1;');
  await writeFile(join(dir, 'V1.0__b.sql'), 'SELECT 1;');
  await writeFile(join(dir, 'v2__lower.sql'), 'SELECT 2;');
  await writeFile(join(dir, 'V3_single.sql'), 'SELECT 3;');
  await writeFile(join(dir, 'V4__latin1.sql'), Buffer.from([0x2d, 0x2d, 0x20, 0xe9, 0x0a]));
  await writeFile(join(dir, 'V5__x.sql'), 'SELECT 5;');
  await writeFile(join(dir, 'V5__x.sql.conf'), 'executeInTransaction=maybe\n');
  const loaded = await loadMigrations(dir);
  const messages = loaded.issues.map((i) => `${i.file}: ${i.message}`);
  expect(messages).toEqual(expect.arrayContaining([
    expect.stringContaining('v2__lower.sql: Unrecognised migration name format'),
    expect.stringContaining('V3_single.sql: Invalid versioned migration name format'),
    expect.stringContaining('V4__latin1.sql: file is not valid UTF-8'),
    expect.stringContaining('V5__x.sql.conf: executeInTransaction=maybe'),
    expect.stringMatching(/DUPLICATE_VERSIONED_MIGRATION: Found more than one migration with version 1.* \(V1.0__b.sql and V1__a.sql\)/),
  ]));
  expect(loaded.issues).toHaveLength(5);
});

test('a missing location is a ConfigError naming it', async () => {
  await expect(loadMigrations(join(dir, 'nope'))).rejects.toBeInstanceOf(ConfigError);
});
