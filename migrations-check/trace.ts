import type pg from 'pg';
import type { AstNode } from './sql.ts';

type Queryable = Pick<pg.ClientBase, 'query'>;

/** A relation lock a statement took, as PostgreSQL names the mode (e.g. `ACCESS EXCLUSIVE`). */
export interface LockTrace {
  relation: string;
  /** `table`, `index`, `sequence`, `view`, `materialized view`, `partitioned table`, or `other`. */
  relationKind: string;
  mode: string;
  /** The relation did not exist before this migration (locks on new objects block nobody). */
  created: boolean;
}

export interface RelationInfo {
  oid: string;
  name: string;
  kind: string;
  relfilenode: string;
}

const RELKINDS: Record<string, string> = { r: 'table', i: 'index', S: 'sequence', v: 'view', m: 'materialized view', p: 'partitioned table', I: 'partitioned index' };

const USER_RELATION = `n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%' AND n.nspname NOT LIKE 'pg_temp%'`;

/** Every user relation with its storage file: a changed relfilenode means the table was rewritten. */
export async function snapshotRelations(db: Queryable): Promise<Map<string, RelationInfo>> {
  const result = await db.query(
    `SELECT c.oid::text AS oid, quote_ident(n.nspname) || '.' || quote_ident(c.relname) AS name, c.relkind::text AS kind, c.relfilenode::text AS relfilenode
     FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE ${USER_RELATION}`,
  );
  return new Map(result.rows.map((row) => [row.oid as string, { oid: row.oid, name: row.name, kind: RELKINDS[row.kind] ?? 'other', relfilenode: row.relfilenode }]));
}

/** `AccessExclusiveLock` → `ACCESS EXCLUSIVE`. */
export function lockModeName(mode: string): string {
  return mode.replace(/Lock$/, '').replace(/([a-z])([A-Z])/g, '$1 $2').toUpperCase();
}

/** Relation locks held by a backend (this session unless `pid` is given), keyed `oid|mode`. */
export async function heldLocks(db: Queryable, pid?: number): Promise<Map<string, { oid: string; mode: string }>> {
  const result = await db.query(
    `SELECT l.relation::text AS oid, l.mode FROM pg_locks l
     LEFT JOIN pg_class c ON c.oid = l.relation LEFT JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE l.pid = COALESCE($1::int, pg_backend_pid()) AND l.locktype = 'relation' AND l.granted
       AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
       AND (c.oid IS NULL OR (${USER_RELATION}))`,
    [pid ?? null],
  );
  return new Map(result.rows.map((row) => [`${row.oid}|${row.mode}`, { oid: row.oid as string, mode: row.mode as string }]));
}

export function describeLocks(
  locks: Iterable<{ oid: string; mode: string }>,
  before: ReadonlyMap<string, RelationInfo>,
  now: ReadonlyMap<string, RelationInfo>,
): LockTrace[] {
  const traces: LockTrace[] = [];
  for (const { oid, mode } of locks) {
    const relation = now.get(oid) ?? before.get(oid);
    traces.push({ relation: relation?.name ?? `oid ${oid}`, relationKind: relation?.kind ?? 'other', mode: lockModeName(mode), created: !before.has(oid) });
  }
  return traces.sort((a, b) => a.relation.localeCompare(b.relation) || a.mode.localeCompare(b.mode));
}

/** Tables and materialized views whose storage changed between two snapshots (rewritten or truncated). */
export function rewrittenRelations(before: ReadonlyMap<string, RelationInfo>, after: ReadonlyMap<string, RelationInfo>): string[] {
  const rewritten: string[] = [];
  for (const [oid, info] of before) {
    if (info.kind !== 'table' && info.kind !== 'materialized view') continue;
    const now = after.get(oid);
    if (now && now.relfilenode !== info.relfilenode) rewritten.push(info.name);
  }
  return rewritten.sort();
}

/** Samples another backend's locks until stopped: the only way to see what a non-transactional statement held. */
export function sampleLocks(monitor: Queryable, pid: number): { stop(): Promise<Map<string, { oid: string; mode: string }>> } {
  const seen = new Map<string, { oid: string; mode: string }>();
  let running = true;
  const loop = (async () => {
    while (running) {
      for (const [key, lock] of await heldLocks(monitor, pid)) seen.set(key, lock);
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return seen;
    },
  };
}

/**
 * The lock PostgreSQL documents for statements that run outside a transaction, where pg_locks can only
 * be sampled: a fast statement may finish between two samples.
 */
export function documentedLocks(statement: { kind: string; node: AstNode }, relations: ReadonlyMap<string, RelationInfo>): { oid: string; mode: string }[] {
  const { kind, node } = statement;
  const find = (relation: { relname?: string; schemaname?: string } | undefined) => {
    if (!relation?.relname) return undefined;
    const schema = relation.schemaname ?? 'public';
    return [...relations.values()].find((r) => r.name === `${quoteIdent(schema)}.${quoteIdent(relation.relname!)}`);
  };
  const share = (relation: { relname?: string; schemaname?: string } | undefined) => {
    const found = find(relation);
    return found ? [{ oid: found.oid, mode: 'ShareUpdateExclusiveLock' }] : [];
  };
  if (kind === 'IndexStmt' && node.concurrent) return share(node.relation);
  if (kind === 'ReindexStmt') return share(node.relation);
  if (kind === 'VacuumStmt') {
    const full = (node.options ?? []).some((o: { DefElem?: { defname?: string } }) => o.DefElem?.defname === 'full');
    return (node.rels ?? []).flatMap((r: { VacuumRelation?: { relation?: { relname?: string } } }) => {
      const found = find(r.VacuumRelation?.relation);
      return found ? [{ oid: found.oid, mode: full ? 'AccessExclusiveLock' : 'ShareUpdateExclusiveLock' }] : [];
    });
  }
  return [];
}

function quoteIdent(name: string): string {
  return /^[a-z_][a-z0-9_$]*$/.test(name) ? name : `"${name.replaceAll('"', '""')}"`;
}
