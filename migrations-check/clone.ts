import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** A disposable copy of a database; `drop` is idempotent and forces other sessions off. */
export interface DatabaseClone {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/** Makes a clone named `<prefix>_<random>` of the source database. */
export type Cloner = (prefix: string) => Promise<DatabaseClone>;

export class CloneError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CloneError';
  }
}

export const quote = (identifier: string) => `"${identifier.replaceAll('"', '""')}"`;

export function databaseName(url: string): string {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  if (!name) throw new CloneError('the database URL names no database');
  return name;
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(database)}`;
  return parsed.toString();
}

export async function onMaintenanceDb<T>(sourceUrl: string, work: (db: pg.Client) => Promise<T>): Promise<T> {
  const db = new pg.Client({ connectionString: withDatabase(sourceUrl, 'postgres') });
  await db.connect();
  try {
    return await work(db);
  } finally {
    await db.end();
  }
}

/** Drops a database by name on the source's server (used for clones, including leftovers of crashed runs). */
export async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  await onMaintenanceDb(serverUrl, (db) => db.query(`DROP DATABASE IF EXISTS ${quote(name)} WITH (FORCE)`));
}

/**
 * Copies the source with `CREATE DATABASE … TEMPLATE source`. PostgreSQL refuses while any other
 * session is connected to the source; that is reported, never worked around by disconnecting anyone.
 */
export async function cloneDatabase(sourceUrl: string, options: { prefix?: string } = {}): Promise<DatabaseClone> {
  const source = databaseName(sourceUrl);
  const name = `${options.prefix ?? 'gl_clone'}_${randomBytes(4).toString('hex')}`.slice(0, 63);
  try {
    const create = `CREATE DATABASE ${quote(name)} TEMPLATE ${quote(source)}`;
    await onMaintenanceDb(sourceUrl, async (db) => {
      // FILE_COPY (PostgreSQL 15+) is several times faster than WAL_LOG for small databases.
      try {
        await db.query(`${create} STRATEGY FILE_COPY`);
      } catch (error) {
        if ((error as { code?: string }).code !== '42601') throw error;
        await db.query(create);
      }
    });
  } catch (error) {
    const pgError = error as { code?: string; message?: string };
    const why = pgError.code === '55006'
      ? `other sessions are connected to "${source}"; a template copy needs the source to itself (stop them, or clone by dump/restore)`
      : (pgError.message ?? String(error));
    throw new CloneError(`could not clone database "${source}": ${why}`, { cause: error });
  }
  return cloneHandle(sourceUrl, name);
}

/** The clone `name` beside the source, dropped at most once. */
export function cloneHandle(sourceUrl: string, name: string): DatabaseClone {
  let dropped = false;
  return {
    name,
    url: withDatabase(sourceUrl, name),
    async drop() {
      if (dropped) return;
      await dropDatabase(sourceUrl, name);
      dropped = true;
    },
  };
}

/** How `greenlight cleanup` finds a clone after a crash: the server without its password, and the name. */
export function cloneResource(clone: { url: string; name: string }): { type: 'database'; serverUrl: string; name: string } {
  const server = new URL(clone.url);
  server.password = '';
  server.pathname = '/postgres';
  return { type: 'database', serverUrl: server.toString(), name: clone.name };
}
