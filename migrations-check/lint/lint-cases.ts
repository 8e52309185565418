/**
 * One unsafe migration per lint rule and its safe form, applied to real PostgreSQL by lint.test.ts.
 * `setup` is the released schema (with rows); `bad`/`fixed` are the next release's scripts.
 */
export interface LintCase {
  rule: string;
  bad: Record<string, string>;
  fixed: Record<string, string>;
  /** Line of the finding in the bad script. */
  line: number;
  /** What PostgreSQL shows when the bad form runs. */
  observed: { lock?: string; rewrite?: string; fails?: string };
  usage?: Record<string, string[]>;
  fixedUsage?: Record<string, string[]>;
}

export const SETUP = `CREATE TABLE player (id bigint PRIMARY KEY, email text, balance numeric NOT NULL DEFAULT 0);
CREATE INDEX player_email_idx ON player (email);
CREATE TABLE bet (id int PRIMARY KEY, player_id bigint, stake numeric);
INSERT INTO player SELECT g, 'p' || g || '@example.test', g FROM generate_series(1, 200) g;
INSERT INTO bet SELECT g, g, 1 FROM generate_series(1, 200) g;
`;

const LT = "SET lock_timeout = '2s';\n";

export const LINT_CASES: readonly LintCase[] = [
  {
    rule: 'require-concurrent-index-creation',
    bad: { 'V2__idx.sql': `${LT}CREATE INDEX bet_player_idx ON bet (player_id);` },
    fixed: { 'V2__idx.sql': 'CREATE INDEX CONCURRENTLY IF NOT EXISTS bet_player_idx ON bet (player_id);' },
    line: 2,
    observed: { lock: 'SHARE on public.bet' },
  },
  {
    rule: 'require-concurrent-index-deletion',
    bad: { 'V2__drop_idx.sql': `${LT}DROP INDEX player_email_idx;` },
    fixed: { 'V2__drop_idx.sql': 'DROP INDEX CONCURRENTLY IF EXISTS player_email_idx;' },
    line: 2,
    observed: { lock: 'ACCESS EXCLUSIVE on public.player' },
  },
  {
    rule: 'adding-required-field',
    bad: { 'V2__country.sql': `${LT}ALTER TABLE player ADD COLUMN country text NOT NULL;` },
    fixed: { 'V2__country.sql': `${LT}ALTER TABLE player ADD COLUMN country text NOT NULL DEFAULT 'MT';` },
    line: 2,
    observed: { fails: '23502' },
  },
  {
    rule: 'adding-field-with-volatile-default',
    bad: { 'V2__token.sql': `${LT}ALTER TABLE player ADD COLUMN token uuid DEFAULT gen_random_uuid();` },
    fixed: { 'V2__token.sql': `${LT}ALTER TABLE player ADD COLUMN token uuid;\nALTER TABLE player ALTER COLUMN token SET DEFAULT gen_random_uuid();` },
    line: 2,
    observed: { rewrite: 'public.player', lock: 'ACCESS EXCLUSIVE on public.player' },
  },
  {
    rule: 'changing-column-type',
    bad: { 'V2__bet_id.sql': `${LT}ALTER TABLE bet ALTER COLUMN id TYPE bigint;` },
    fixed: { 'V2__bet_id.sql': `${LT}ALTER TABLE bet ADD COLUMN id_v2 bigint;\nALTER TABLE player ALTER COLUMN email TYPE text;` },
    line: 2,
    observed: { rewrite: 'public.bet', lock: 'ACCESS EXCLUSIVE on public.bet' },
  },
  {
    rule: 'setting-not-nullable-field',
    bad: { 'V2__email_required.sql': `${LT}ALTER TABLE player ALTER COLUMN email SET NOT NULL;` },
    fixed: {
      'V2__email_check.sql': `${LT}ALTER TABLE player ADD CONSTRAINT player_email_nn CHECK (email IS NOT NULL) NOT VALID;`,
      'V3__email_validate.sql': `${LT}ALTER TABLE player VALIDATE CONSTRAINT player_email_nn;`,
    },
    line: 2,
    observed: { lock: 'ACCESS EXCLUSIVE on public.player' },
  },
  {
    rule: 'ban-drop-column',
    bad: { 'V2__drop_email.sql': `${LT}ALTER TABLE player DROP COLUMN email;` },
    fixed: { 'V2__drop_email.sql': `${LT}ALTER TABLE player DROP COLUMN email;` },
    usage: { player: ['id', 'email'] },
    fixedUsage: { player: ['id', 'balance'] },
    line: 2,
    observed: { lock: 'ACCESS EXCLUSIVE on public.player' },
  },
  {
    rule: 'ban-drop-table',
    bad: { 'V2__drop_bet.sql': `${LT}DROP TABLE bet;` },
    fixed: { 'V2__drop_bet.sql': `${LT}DROP TABLE bet;` },
    usage: { 'public.bet': ['id'] },
    fixedUsage: { player: ['id'] },
    line: 2,
    observed: {},
  },
  {
    rule: 'renaming-column',
    bad: { 'V2__rename_email.sql': `${LT}ALTER TABLE player RENAME COLUMN email TO mail;` },
    fixed: { 'V2__add_mail.sql': `${LT}ALTER TABLE player ADD COLUMN mail text;` },
    usage: { player: ['id', 'email'] },
    line: 2,
    observed: { lock: 'ACCESS EXCLUSIVE on public.player' },
  },
  {
    rule: 'renaming-table',
    bad: { 'V2__rename_bet.sql': `${LT}ALTER TABLE bet RENAME TO wager;` },
    fixed: { 'V2__wager.sql': `${LT}CREATE TABLE wager (LIKE bet INCLUDING ALL);` },
    line: 2,
    observed: { lock: 'ACCESS EXCLUSIVE on public.wager' },
  },
  {
    rule: 'constraint-missing-not-valid',
    bad: { 'V2__fk.sql': `${LT}ALTER TABLE bet ADD CONSTRAINT bet_player_fk FOREIGN KEY (player_id) REFERENCES player (id);` },
    fixed: {
      'V2__fk.sql': `${LT}ALTER TABLE bet ADD CONSTRAINT bet_player_fk FOREIGN KEY (player_id) REFERENCES player (id) NOT VALID;`,
      'V3__fk_validate.sql': `${LT}ALTER TABLE bet VALIDATE CONSTRAINT bet_player_fk;`,
    },
    line: 2,
    observed: { lock: 'SHARE ROW EXCLUSIVE on public.player' },
  },
  {
    rule: 'constraint-missing-not-valid',
    bad: { 'V2__check.sql': `${LT}ALTER TABLE player ADD CONSTRAINT balance_positive CHECK (balance >= 0) NOT VALID;\nALTER TABLE player VALIDATE CONSTRAINT balance_positive;` },
    fixed: {
      'V2__check.sql': `${LT}ALTER TABLE player ADD CONSTRAINT balance_positive CHECK (balance >= 0) NOT VALID;`,
      'V3__check_validate.sql': `${LT}ALTER TABLE player VALIDATE CONSTRAINT balance_positive;`,
    },
    line: 3,
    observed: { lock: 'ACCESS EXCLUSIVE on public.player' },
  },
  {
    rule: 'disallowed-unique-constraint',
    bad: { 'V2__unique_email.sql': `${LT}ALTER TABLE player ADD CONSTRAINT player_email_key UNIQUE (email);` },
    fixed: {
      'V2__unique_email_idx.sql': 'CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS player_email_key ON player (email);',
      'V3__unique_email.sql': `${LT}ALTER TABLE player ADD CONSTRAINT player_email_key UNIQUE USING INDEX player_email_key;`,
    },
    line: 2,
    observed: { lock: 'ACCESS EXCLUSIVE on public.player' },
  },
  {
    rule: 'require-lock-timeout',
    bad: { 'V2__nickname.sql': '-- add a nickname\nALTER TABLE player ADD COLUMN nickname text;' },
    fixed: { 'V2__nickname.sql': `-- add a nickname\n${LT}ALTER TABLE player ADD COLUMN nickname text;` },
    line: 2,
    observed: { lock: 'ACCESS EXCLUSIVE on public.player' },
  },
  {
    rule: 'concurrently-in-transaction',
    bad: { 'V2__reindex.sql': 'REINDEX INDEX CONCURRENTLY player_email_idx;' },
    fixed: { 'V2__reindex.sql': 'REINDEX INDEX CONCURRENTLY player_email_idx;', 'V2__reindex.sql.conf': 'executeInTransaction=false\n' },
    line: 1,
    observed: { fails: '25001' },
  },
  {
    rule: 'mixed-transaction-statements',
    bad: { 'V2__idx.sql': `${LT}CREATE INDEX CONCURRENTLY bet_player_idx ON bet (player_id);` },
    fixed: { 'V2__idx.sql': 'CREATE INDEX CONCURRENTLY bet_player_idx ON bet (player_id);' },
    line: 2,
    observed: { fails: 'MIXED_TRANSACTION' },
  },
];
