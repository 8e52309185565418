import type { MigrationFile } from '../discover.ts';
import type { AstNode, SqlStatement } from '../sql.ts';
import { needsNoTransactionUndetected } from '../transactions.ts';
import { alterCommands, calledFunctions, columnConstraints, droppedNames, hasTypeModifiers, relationName, typeName } from './ast.ts';

export type Severity = 'error' | 'warning';

/** What a rule sees besides the statement; updated by the engine as it walks the file. */
export interface LintContext {
  file: MigrationFile;
  /** How the file will run under Flyway. */
  transactional: boolean;
  /** Tables and indexes created earlier in this file (new objects block nobody). */
  created: Set<string>;
  lockTimeoutSet: boolean;
  /** Constraints added NOT VALID earlier in this file. */
  notValid: Set<string>;
  explicitTransaction: boolean;
  /** table → columns the previous release uses; undefined when unknown. */
  usage?: ReadonlyMap<string, ReadonlySet<string>>;
  /** lock_timeout comes from the role, initSql or PGOPTIONS. */
  lockTimeoutConfigured: boolean;
}

export interface RuleHit {
  message: string;
  severity?: Severity;
}

export interface LintRule {
  id: string;
  title: string;
  reason: string;
  safeAlternative: string;
  check(statement: SqlStatement, ctx: LintContext): RuleHit[];
}

const VOLATILE = new Set(['random', 'clock_timestamp', 'gen_random_uuid', 'uuid_generate_v1', 'uuid_generate_v1mc', 'uuid_generate_v4', 'uuidv4', 'uuidv7', 'timeofday', 'nextval', 'txid_current', 'random_normal']);
const SERIAL = new Set(['serial', 'serial2', 'serial4', 'serial8', 'smallserial', 'bigserial']);

const existing = (ctx: LintContext, name: string) => !ctx.created.has(name);
const addedColumns = (node: AstNode) => alterCommands(node).filter((cmd) => cmd.subtype === 'AT_AddColumn').map((cmd) => cmd.def?.ColumnDef ?? {});
const addedConstraints = (node: AstNode) => alterCommands(node).filter((cmd) => cmd.subtype === 'AT_AddConstraint').map((cmd) => cmd.def?.Constraint ?? {});
const onExistingTable = (statement: SqlStatement, ctx: LintContext) => statement.kind === 'AlterTableStmt' && existing(ctx, relationName(statement.node.relation));

/** Blocking when the previous release uses the object or its usage is unknown; a warning otherwise. */
function breakingChange(ctx: LintContext, table: string, column: string | undefined, what: string): RuleHit {
  if (!ctx.usage) return { message: `${what}; the previous release's usage is unknown, so assume it still uses it` };
  const columns = ctx.usage.get(table);
  const used = columns !== undefined && (column === undefined || columns.has(column));
  return used ? { message: `${what}, which the previous release still uses` } : { message: `${what} (not used by the previous release)`, severity: 'warning' };
}

export const RULES: readonly LintRule[] = [
  {
    id: 'require-concurrent-index-creation',
    title: 'index created without CONCURRENTLY',
    reason: 'CREATE INDEX takes a SHARE lock: every write to the table waits until the index is built.',
    safeAlternative: 'CREATE INDEX CONCURRENTLY in its own migration (Flyway then runs it outside a transaction).',
    check: ({ kind, node }, ctx) => (kind === 'IndexStmt' && !node.concurrent && existing(ctx, relationName(node.relation)) ? [{ message: `CREATE INDEX ${node.idxname ?? ''} on ${relationName(node.relation)} without CONCURRENTLY` }] : []),
  },
  {
    id: 'require-concurrent-index-deletion',
    title: 'index dropped without CONCURRENTLY',
    reason: 'DROP INDEX takes an ACCESS EXCLUSIVE lock on the table: reads and writes wait.',
    safeAlternative: 'DROP INDEX CONCURRENTLY in its own migration.',
    check: ({ kind, node }, ctx) => (kind === 'DropStmt' && node.removeType === 'OBJECT_INDEX' && !node.concurrent ? droppedNames(node).filter((name) => existing(ctx, name)).map((name) => ({ message: `DROP INDEX ${name} without CONCURRENTLY` })) : []),
  },
  {
    id: 'adding-required-field',
    title: 'NOT NULL column added without a default',
    reason: 'Fails on a table with rows, and inserts from the previous release (which does not know the column) break.',
    safeAlternative: 'Add the column nullable or with a constant DEFAULT; backfill; enforce NOT NULL later (CHECK … NOT VALID, VALIDATE, SET NOT NULL).',
    check: (statement, ctx) => (onExistingTable(statement, ctx) ? addedColumns(statement.node) : [])
      .filter((column) => {
        const types = columnConstraints(column).map((c) => c.contype);
        return types.includes('CONSTR_NOTNULL') && !types.includes('CONSTR_DEFAULT') && !types.includes('CONSTR_IDENTITY') && !types.includes('CONSTR_GENERATED') && !SERIAL.has(typeName(column));
      })
      .map((column) => ({ message: `column ${column.colname} is NOT NULL without a DEFAULT` })),
  },
  {
    id: 'adding-field-with-volatile-default',
    title: 'column added with a volatile default',
    reason: 'A volatile DEFAULT (random(), clock_timestamp(), gen_random_uuid(), serial, identity, GENERATED … STORED) rewrites the whole table under an ACCESS EXCLUSIVE lock.',
    safeAlternative: 'Add the column without a default (or with a constant one), set the default afterwards, and backfill in batches.',
    check: (statement, ctx) => (onExistingTable(statement, ctx) ? addedColumns(statement.node) : []).flatMap((column) => {
      const constraints = columnConstraints(column);
      const volatile = constraints.filter((c) => c.contype === 'CONSTR_DEFAULT').flatMap((c) => calledFunctions(c.raw_expr)).filter((name) => VOLATILE.has(name.toLowerCase()));
      const rewriting = [
        ...volatile.map((name) => `DEFAULT ${name}()`),
        ...(SERIAL.has(typeName(column)) ? [typeName(column)] : []),
        ...(constraints.some((c) => c.contype === 'CONSTR_IDENTITY') ? ['GENERATED … AS IDENTITY'] : []),
        ...(constraints.some((c) => c.contype === 'CONSTR_GENERATED' && c.generated_kind === 's') ? ['GENERATED … STORED'] : []),
      ];
      return rewriting.length > 0 ? [{ message: `column ${column.colname} added with ${rewriting.join(', ')}` }] : [];
    }),
  },
  {
    id: 'changing-column-type',
    title: 'column type changed',
    reason: 'ALTER COLUMN … TYPE takes an ACCESS EXCLUSIVE lock and rewrites the table and its indexes unless the change is binary-coercible.',
    safeAlternative: 'Add a new column of the new type, dual-write, backfill in batches, move reads, then drop the old column in a later release.',
    check: (statement, ctx) => (onExistingTable(statement, ctx) ? alterCommands(statement.node) : [])
      .filter((cmd) => cmd.subtype === 'AT_AlterColumnType')
      .filter((cmd) => {
        const target = typeName(cmd.def?.ColumnDef);
        return !(target === 'text' || (target === 'varchar' && !hasTypeModifiers(cmd.def?.ColumnDef)));
      })
      .map((cmd) => ({ message: `column ${cmd.name} changed to ${typeName(cmd.def?.ColumnDef)}` })),
  },
  {
    id: 'setting-not-nullable-field',
    title: 'SET NOT NULL on an existing column',
    reason: 'SET NOT NULL scans the whole table under an ACCESS EXCLUSIVE lock.',
    safeAlternative: 'ADD CONSTRAINT … CHECK (col IS NOT NULL) NOT VALID; VALIDATE it in a later migration; then SET NOT NULL (PostgreSQL 12+ skips the scan) and drop the check.',
    check: (statement, ctx) => (onExistingTable(statement, ctx) ? alterCommands(statement.node) : []).filter((cmd) => cmd.subtype === 'AT_SetNotNull').map((cmd) => ({ message: `SET NOT NULL on ${relationName(statement.node.relation)}.${cmd.name}` })),
  },
  {
    id: 'ban-drop-column',
    title: 'column dropped',
    reason: 'Instances of the previous release keep serving during a rolling deploy; queries naming the column fail.',
    safeAlternative: 'Stop using the column in one release, drop it in a later one (expand/contract).',
    check: (statement, ctx) => {
      if (!onExistingTable(statement, ctx)) return [];
      const table = relationName(statement.node.relation);
      return alterCommands(statement.node).filter((cmd) => cmd.subtype === 'AT_DropColumn').map((cmd) => breakingChange(ctx, table, cmd.name, `drops column ${table}.${cmd.name}`));
    },
  },
  {
    id: 'ban-drop-table',
    title: 'table dropped',
    reason: 'Instances of the previous release keep serving during a rolling deploy; queries naming the table fail.',
    safeAlternative: 'Stop using the table in one release, drop it in a later one.',
    check: ({ kind, node }, ctx) => (kind === 'DropStmt' && node.removeType === 'OBJECT_TABLE' ? droppedNames(node).filter((name) => existing(ctx, name)).map((name) => breakingChange(ctx, name, undefined, `drops table ${name}`)) : []),
  },
  {
    id: 'renaming-column',
    title: 'column renamed',
    reason: 'The previous release still queries the old name during a rolling deploy.',
    safeAlternative: 'Add the new column, dual-write, backfill, move reads, then drop the old column in a later release.',
    check: ({ kind, node }, ctx) => (kind === 'RenameStmt' && node.renameType === 'OBJECT_COLUMN' && existing(ctx, relationName(node.relation)) ? [breakingChange(ctx, relationName(node.relation), node.subname, `renames column ${relationName(node.relation)}.${node.subname} to ${node.newname}`)] : []),
  },
  {
    id: 'renaming-table',
    title: 'table renamed',
    reason: 'The previous release still queries the old name during a rolling deploy.',
    safeAlternative: 'Create the new table (or rename and leave a view with the old name), move the code, drop the old name later.',
    check: ({ kind, node }, ctx) => (kind === 'RenameStmt' && node.renameType === 'OBJECT_TABLE' && existing(ctx, relationName(node.relation)) ? [breakingChange(ctx, relationName(node.relation), undefined, `renames table ${relationName(node.relation)} to ${node.newname}`)] : []),
  },
  {
    id: 'constraint-missing-not-valid',
    title: 'constraint validated while holding the lock',
    reason: 'Adding a CHECK or FOREIGN KEY scans the table while blocking writes (ACCESS EXCLUSIVE / SHARE ROW EXCLUSIVE on both tables); validating in the same transaction keeps that lock.',
    safeAlternative: 'ADD CONSTRAINT … NOT VALID, then ALTER TABLE … VALIDATE CONSTRAINT in a separate migration.',
    check: (statement, ctx) => {
      if (!onExistingTable(statement, ctx)) return [];
      const hits: RuleHit[] = addedConstraints(statement.node)
        .filter((c) => (c.contype === 'CONSTR_CHECK' || c.contype === 'CONSTR_FOREIGN') && !c.skip_validation)
        .map((c) => ({ message: `${c.contype === 'CONSTR_CHECK' ? 'CHECK' : 'FOREIGN KEY'} constraint ${c.conname ?? ''} added without NOT VALID` }));
      for (const cmd of alterCommands(statement.node)) {
        if (cmd.subtype === 'AT_ValidateConstraint' && ctx.transactional && ctx.notValid.has(cmd.name)) hits.push({ message: `constraint ${cmd.name} is added NOT VALID and validated in the same transaction` });
      }
      return hits;
    },
  },
  {
    id: 'disallowed-unique-constraint',
    title: 'unique constraint built under lock',
    reason: 'ADD UNIQUE / PRIMARY KEY builds its index under an ACCESS EXCLUSIVE lock: reads and writes wait for the build.',
    safeAlternative: 'CREATE UNIQUE INDEX CONCURRENTLY in one migration, then ADD CONSTRAINT … UNIQUE USING INDEX in the next.',
    check: (statement, ctx) => {
      if (!onExistingTable(statement, ctx)) return [];
      const viaConstraint = addedConstraints(statement.node).filter((c) => (c.contype === 'CONSTR_UNIQUE' || c.contype === 'CONSTR_PRIMARY') && !c.indexname);
      const viaColumn = addedColumns(statement.node).flatMap((column) => columnConstraints(column)).filter((c) => c.contype === 'CONSTR_UNIQUE' || c.contype === 'CONSTR_PRIMARY');
      return [...viaConstraint, ...viaColumn].map((c) => ({ message: `${c.contype === 'CONSTR_UNIQUE' ? 'UNIQUE' : 'PRIMARY KEY'} constraint ${c.conname ?? ''} built without USING INDEX` }));
    },
  },
  {
    id: 'concurrently-in-transaction',
    title: 'CONCURRENTLY inside a transaction',
    reason: 'PostgreSQL refuses CONCURRENTLY in a transaction block (SQLSTATE 25001); Flyway does not detect REINDEX … CONCURRENTLY or DETACH PARTITION … CONCURRENTLY and wraps them in one.',
    safeAlternative: 'Put the statement alone in its migration, with executeInTransaction=false in <script>.conf when Flyway does not detect it.',
    check: (statement, ctx) => {
      const concurrent = (statement.kind === 'IndexStmt' || statement.kind === 'DropStmt') && statement.node.concurrent === true;
      const undetected = needsNoTransactionUndetected(statement);
      const inTransaction = ctx.explicitTransaction || ctx.file.executeInTransaction === true || (undetected && ctx.file.executeInTransaction === undefined);
      return (concurrent || undetected) && inTransaction ? [{ message: `${statement.text.split(/\s+/).slice(0, 4).join(' ')} … would run inside a transaction` }] : [];
    },
  },
];

const LOCKING_KINDS = new Set(['AlterTableStmt', 'RenameStmt', 'TruncateStmt', 'ClusterStmt', 'CreateTrigStmt', 'RefreshMatViewStmt', 'ReindexStmt']);

function takesLockOnExisting({ kind, node }: SqlStatement, ctx: LintContext): boolean {
  if (kind === 'IndexStmt') return !node.concurrent && existing(ctx, relationName(node.relation));
  if (kind === 'DropStmt') return !node.concurrent && (node.removeType === 'OBJECT_TABLE' || node.removeType === 'OBJECT_INDEX') && droppedNames(node).some((name) => existing(ctx, name));
  if (kind === 'VacuumStmt') return (node.options ?? []).some((o: AstNode) => o.DefElem?.defname === 'full');
  if (kind === 'CreateStmt') {
    const columns: AstNode[] = (node.tableElts ?? []).map((e: AstNode) => e.ColumnDef).filter(Boolean);
    const all = [...(node.tableElts ?? []).map((e: AstNode) => e.Constraint).filter(Boolean), ...columns.flatMap((c) => columnConstraints(c))];
    return all.some((c: AstNode) => c.contype === 'CONSTR_FOREIGN' && existing(ctx, relationName(c.pktable)));
  }
  if (!LOCKING_KINDS.has(kind)) return false;
  return existing(ctx, relationName(node.relation));
}

export const REQUIRE_LOCK_TIMEOUT: LintRule = {
  id: 'require-lock-timeout',
  title: 'no lock_timeout before a locking statement',
  reason: 'A statement waiting for its lock queues every later query on the table behind it: without lock_timeout a long transaction elsewhere turns the migration into an outage.',
  safeAlternative: "SET lock_timeout = '2s'; (or SET LOCAL) at the top of the migration, or for the role / Flyway initSql, and retry on timeout.",
  check: (statement, ctx) => {
    if (ctx.lockTimeoutSet || ctx.lockTimeoutConfigured || !ctx.transactional || !takesLockOnExisting(statement, ctx)) return [];
    return [{ message: `${statement.text.split(/\s+/).slice(0, 3).join(' ')} … locks an existing table before any SET lock_timeout` }];
  },
};

export const MIXED_TRANSACTION = {
  id: 'mixed-transaction-statements',
  title: 'transactional and non-transactional statements mixed',
  reason: 'Flyway (mixed=false) refuses a script that mixes statements that must run outside a transaction (CREATE INDEX CONCURRENTLY, VACUUM, …) with ones that run inside.',
  safeAlternative: 'Move the non-transactional statement into its own migration file.',
} as const;

export const SYNTAX_ERROR = {
  id: 'syntax-error',
  title: 'SQL does not parse',
  reason: 'PostgreSQL will reject the migration.',
  safeAlternative: 'Fix the statement.',
} as const;

export const MIGRATION_FILE = {
  id: 'migration-file',
  title: 'migration file Flyway cannot use as intended',
  reason: 'Invalid names are silently skipped by Flyway, duplicate versions stop every migrate, and non-UTF-8 text gives checksums that differ between tools.',
  safeAlternative: 'Name files V<version>__<description>.sql with each version once (1, 1.0 and 1.0.0 are the same), in UTF-8.',
} as const;
