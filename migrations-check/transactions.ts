import type { SqlStatement } from './sql.ts';

/**
 * Flyway's PostgreSQL parser decides per statement from its first keywords whether it can run in a
 * transaction (PostgreSQLParser.java). Reproduced on the parse tree rather than on keywords.
 */
export function flywayRunsOutsideTransaction(statement: SqlStatement): boolean {
  const { kind, node } = statement;
  switch (kind) {
    case 'CreatedbStmt':
    case 'DropdbStmt':
    case 'CreateTableSpaceStmt':
    case 'DropTableSpaceStmt':
    case 'CreateSubscriptionStmt':
    case 'DropSubscriptionStmt':
    case 'AlterSystemStmt':
      return true;
    case 'VacuumStmt':
      return node.is_vacuumcmd === true;
    case 'IndexStmt':
      return node.concurrent === true;
    case 'DropStmt':
      return node.concurrent === true;
    case 'ReindexStmt':
      return node.kind === 'REINDEX_OBJECT_SCHEMA' || node.kind === 'REINDEX_OBJECT_DATABASE' || node.kind === 'REINDEX_OBJECT_SYSTEM';
    case 'DiscardStmt':
      return node.target === 'DISCARD_ALL';
    default:
      return false;
  }
}

/** Statements PostgreSQL refuses inside a transaction block that Flyway does not detect (SQLSTATE 25001). */
export function needsNoTransactionUndetected(statement: SqlStatement): boolean {
  const { kind, node } = statement;
  if (kind === 'ReindexStmt') return hasOption(node.params, 'concurrently') && !flywayRunsOutsideTransaction(statement);
  if (kind === 'AlterTableStmt') return (node.cmds ?? []).some((c: { AlterTableCmd?: { subtype?: string; def?: { PartitionCmd?: { concurrent?: boolean } } } }) => c.AlterTableCmd?.def?.PartitionCmd?.concurrent === true);
  return false;
}

function hasOption(params: unknown, name: string): boolean {
  return Array.isArray(params) && params.some((p: { DefElem?: { defname?: string } }) => p.DefElem?.defname === name);
}
