import { describe, expect, it } from 'vitest';
import { findDestructiveChanges } from './destructive-sql.ts';

describe('findDestructiveChanges', () => {
  it.each([
    ['DROP TABLE legacy_bonus;', ['drop-table']],
    ['drop table if exists "Legacy Bonus" cascade;', ['drop-table']],
    ['ALTER TABLE players DROP COLUMN email;', ['drop-column']],
    ['ALTER TABLE ONLY public.players DROP email;', ['drop-column']],
    ['ALTER TABLE players ADD COLUMN nick text, DROP COLUMN IF EXISTS email;', ['drop-column']],
    ['ALTER TABLE players RENAME COLUMN nick TO display_name;', ['rename-column']],
    ['ALTER TABLE players RENAME nick TO display_name;', ['rename-column']],
    ['ALTER TABLE players RENAME TO gamblers;', ['rename-table']],
    ['RENAME TABLE players TO gamblers;', ['rename-table']],
    ['ALTER TABLE wallets DROP CONSTRAINT wallets_balance_check;', []],
    ['ALTER TABLE wallets ALTER COLUMN currency DROP DEFAULT;', []],
    ['ALTER TABLE wallets ALTER COLUMN currency DROP NOT NULL;', []],
    ['DROP INDEX CONCURRENTLY wallets_idx;', []],
    ['CREATE TABLE t (id int); ALTER TABLE t ADD COLUMN x int;', []],
    ['-- DROP TABLE players;\nSELECT 1;', []],
    ['/* ALTER TABLE players DROP COLUMN email; */ SELECT 1;', []],
    ["INSERT INTO audit (note) VALUES ('DROP TABLE players; ALTER TABLE x DROP COLUMN y');", []],
    ["CREATE FUNCTION f() RETURNS void AS $$ BEGIN EXECUTE 'x'; DROP TABLE tmp; END $$ LANGUAGE plpgsql;", []],
  ])('%s', (sql, kinds) => {
    expect(findDestructiveChanges('V1__x.sql', sql).map((c) => c.kind)).toEqual(kinds);
  });

  it('names the file and the statement', () => {
    const [change] = findDestructiveChanges('V7__drop.sql', 'SELECT 1;\n  DROP   TABLE\n old_bets ;');
    expect(change).toEqual({ file: 'V7__drop.sql', statement: 'DROP TABLE old_bets', kind: 'drop-table' });
  });
});
