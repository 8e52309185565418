import { describe, expect, test } from 'vitest';
import { parseMigrationName } from './naming.ts';

describe('parseMigrationName', () => {
  test.each([
    ['V1__init.sql', 'versioned', '1', 'init'],
    ['V1.1__My_description.sql', 'versioned', '1.1', 'My description'],
    ['V1_1__x.sql', 'versioned', '1.1', 'x'],
    ['V2__add__twice.sql', 'versioned', '2', 'add  twice'],
    ['V3__Upper.SQL', 'versioned', '3', 'Upper'],
    ['U1__undo.sql', 'undo', '1', 'undo'],
    ['B5__baseline.sql', 'baseline', '5', 'baseline'],
    ['R__views.sql', 'repeatable', undefined, 'views'],
    ['afterMigrate.sql', 'callback', undefined, ''],
    ['beforeEachMigrate__log.sql', 'callback', undefined, 'log'],
  ])('%s is %s', (name, kind, version, description) => {
    const parsed = parseMigrationName(name);
    expect(parsed.ok).toBe(true);
    if (parsed.ok !== true) return;
    expect(parsed.name.kind).toBe(kind);
    expect(parsed.name.version?.text).toBe(version);
    expect(parsed.name.description).toBe(description);
  });

  test.each([
    ['v1__lower.sql', 'Unrecognised migration name format: v1__lower.sql'],
    ['V1_foo.sql', 'Invalid versioned migration name format: V1_foo.sql'],
    ['V1-foo.sql', 'Invalid versioned migration name format: V1-foo.sql'],
    ['V__nover.sql', 'Invalid versioned migration name format: V__nover.sql'],
    ['Vx__bad.sql', 'Invalid versioned migration name format: Vx__bad.sql'],
    ['R1__versioned_repeatable.sql', 'Invalid repeatable migration name format'],
    ['init.sql', 'Unrecognised migration name format: init.sql'],
  ])('%s is rejected', (name, message) => {
    const parsed = parseMigrationName(name);
    expect(parsed.ok).toBe(false);
    if (parsed.ok === false) expect(parsed.message).toContain(message);
  });

  test('files without the .sql suffix are not migrations', () => {
    expect(parseMigrationName('V1__x.sql.conf').ok).toBe('not-sql');
    expect(parseMigrationName('README.md').ok).toBe('not-sql');
  });
});
