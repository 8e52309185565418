import { describe, expect, test } from 'vitest';
import { flywayChecksum } from './checksum.ts';
import type { MigrationFile } from './discover.ts';
import type { AppliedMigration } from './history.ts';
import { parseMigrationName } from './naming.ts';
import { migrationInfo, pendingMigrations, validateMigrations } from './validate.ts';

function file(name: string, sql = `-- ${name}`): MigrationFile {
  const parsed = parseMigrationName(name);
  if (parsed.ok !== true) throw new Error(name);
  return { ...parsed.name, script: name, path: `/m/${name}`, sql, checksum: flywayChecksum(sql) };
}

let rank = 0;
function row(f: MigrationFile, overrides: Partial<AppliedMigration> = {}): AppliedMigration {
  return { installedRank: ++rank, version: f.version?.text ?? null, description: f.description, type: 'SQL', script: f.script, checksum: f.checksum, installedBy: 'test', installedOn: new Date(0), executionTime: 1, success: true, ...overrides };
}

const v1 = file('V1__init.sql');
const v2 = file('V2__wallet.sql');
const v3 = file('V3__games.sql');
const r = file('R__views.sql');

const states = (files: MigrationFile[], applied: AppliedMigration[], options = {}) =>
  Object.fromEntries(migrationInfo(files, applied, options).map((i) => [i.script, i.state]));
const codes = (files: MigrationFile[], applied: AppliedMigration[], ignorePending = false) =>
  validateMigrations(migrationInfo(files, applied), { ignorePending }).map((i) => i.code);

describe('migrationInfo and validate', () => {
  test('applied and pending', () => {
    const applied = [row(v1)];
    expect(states([v1, v2, v3, r], applied)).toEqual({ 'V1__init.sql': 'success', 'V2__wallet.sql': 'pending', 'V3__games.sql': 'pending', 'R__views.sql': 'pending' });
    expect(codes([v1, v2, v3], applied)).toEqual(['RESOLVED_VERSIONED_MIGRATION_NOT_APPLIED', 'RESOLVED_VERSIONED_MIGRATION_NOT_APPLIED']);
    expect(codes([v1, v2, v3], applied, true)).toEqual([]);
    expect(pendingMigrations(migrationInfo([r, v3, v2, v1], applied)).map((f) => f.script)).toEqual(['V2__wallet.sql', 'V3__games.sql', 'R__views.sql']);
  });

  test('applied then changed: checksum mismatch', () => {
    const changed = file('V1__init.sql', 'CREATE TABLE changed ();');
    expect(codes([changed], [row(v1)], true)).toEqual(['CHECKSUM_MISMATCH']);
  });

  test('description and type mismatch', () => {
    expect(codes([v1], [row(v1, { description: 'other' })], true)).toEqual(['DESCRIPTION_MISMATCH']);
    expect(codes([v1], [row(v1, { type: 'JDBC' })], true)).toEqual(['TYPE_MISMATCH']);
  });

  test('missing: applied but no longer on disk', () => {
    expect(states([v2], [row(v1), row(v2)])['V1__init.sql']).toBe('missing');
    expect(codes([v2], [row(v1), row(v2)])).toEqual(['APPLIED_VERSIONED_MIGRATION_NOT_RESOLVED']);
  });

  test('future: the database is ahead of the files (N-1 rollback) and validate passes', () => {
    expect(states([v1], [row(v1), row(v2)])['V2__wallet.sql']).toBe('future');
    expect(codes([v1], [row(v1), row(v2)])).toEqual([]);
  });

  test('a new file below the highest applied version is ignored unless outOfOrder', () => {
    const applied = [row(v1), row(v3)];
    expect(states([v1, v2, v3], applied)['V2__wallet.sql']).toBe('ignored');
    expect(codes([v1, v2, v3], applied, true)).toEqual(['RESOLVED_VERSIONED_MIGRATION_NOT_APPLIED']);
    expect(states([v1, v2, v3], applied, { outOfOrder: true })['V2__wallet.sql']).toBe('pending');
  });

  test('applied out of order is reported as such', () => {
    expect(states([v1, v2, v3], [row(v1), row(v3), row(v2)])['V2__wallet.sql']).toBe('out_of_order');
  });

  test('failed rows block validate', () => {
    expect(codes([v1, v2], [row(v1), row(v2, { success: false })], true)).toEqual(['FAILED_VERSIONED_MIGRATION']);
  });

  test('target leaves later versions above target', () => {
    expect(states([v1, v2, v3], [], { target: '2' })).toMatchObject({ 'V3__games.sql': 'above_target', 'V2__wallet.sql': 'pending' });
  });

  test('repeatables re-run when changed; older rows are superseded', () => {
    const changed = file('R__views.sql', 'CREATE VIEW v AS SELECT 2;');
    const old = row(r);
    const infos = migrationInfo([changed], [old]);
    expect(infos.map((i) => i.state)).toEqual(['outdated']);
    expect(pendingMigrations(infos)).toEqual([changed]);
    expect(migrationInfo([changed], [row(r), row(changed)]).map((i) => i.state)).toEqual(['superseded', 'success']);
  });

  test('a baseline row puts older files below baseline', () => {
    const baseline = row(v2, { type: 'BASELINE', description: '<< Flyway Baseline >>', script: '<< Flyway Baseline >>', checksum: null });
    expect(states([v1, v2, v3], [baseline])).toMatchObject({ 'V1__init.sql': 'below_baseline', 'V3__games.sql': 'pending' });
    expect(codes([v1, v2, v3], [baseline], true)).toEqual([]);
  });

  test('a baseline migration replaces older versions on an empty database', () => {
    const b2 = file('B2__snapshot.sql');
    expect(pendingMigrations(migrationInfo([v1, b2, v2, v3], [])).map((f) => f.script)).toEqual(['B2__snapshot.sql', 'V3__games.sql']);
  });
});
