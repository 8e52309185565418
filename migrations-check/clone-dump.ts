import { randomBytes } from 'node:crypto';
import { execa } from 'execa';
import { cloneDatabase, CloneError, cloneHandle, dropDatabase, onMaintenanceDb, quote, withDatabase, type DatabaseClone } from './clone.ts';

export interface DumpTools {
  /** Paths of the PostgreSQL client tools; default `pg_dump` / `pg_restore` on PATH, or PG_DUMP / PG_RESTORE. */
  pgDump?: string;
  pgRestore?: string;
  signal?: AbortSignal;
}

/** Client tools see the password in their environment, never on a command line that `ps` shows. */
function withoutPassword(url: string): { url: string; password?: string } {
  const parsed = new URL(url);
  const password = parsed.password ? decodeURIComponent(parsed.password) : undefined;
  parsed.password = '';
  return { url: parsed.toString(), password };
}

/**
 * Copies a live database that other sessions use (a remote staging database): `pg_dump --format=custom` piped into
 * `pg_restore` on a new database beside it. Nobody is disconnected. The clone is dropped again if the copy fails.
 */
export async function cloneByDump(sourceUrl: string, options: DumpTools & { prefix?: string } = {}): Promise<DatabaseClone> {
  const name = `${options.prefix ?? 'gl_clone'}_${randomBytes(4).toString('hex')}`.slice(0, 63);
  const source = withoutPassword(sourceUrl);
  const target = withoutPassword(withDatabase(sourceUrl, name));
  const env = source.password ? { PGPASSWORD: source.password } : {};
  await onMaintenanceDb(sourceUrl, (db) => db.query(`CREATE DATABASE ${quote(name)}`));
  try {
    const dump = execa(options.pgDump ?? process.env['PG_DUMP'] ?? 'pg_dump', ['--format=custom', '--no-owner', '--no-privileges', `--dbname=${source.url}`], { env, cancelSignal: options.signal, reject: false });
    const restore = execa(options.pgRestore ?? process.env['PG_RESTORE'] ?? 'pg_restore', ['--no-owner', '--no-privileges', '--exit-on-error', `--dbname=${target.url}`], { env, cancelSignal: options.signal, reject: false });
    dump.stdout?.pipe(restore.stdin!);
    const [dumped, restored] = await Promise.all([dump, restore]);
    const failed = [dumped, restored].find((r) => r.failed);
    if (failed) throw new Error(`${failed.command.split(' ')[0]} failed (${failed.exitCode ?? failed.shortMessage}): ${String(failed.stderr).trim().slice(-400)}`);
  } catch (error) {
    await dropDatabase(sourceUrl, name).catch(() => {});
    throw new CloneError(`could not clone by dump/restore: ${(error as Error).message}`, { cause: error });
  }
  return cloneHandle(sourceUrl, name);
}

/**
 * A template copy when the source is idle (fast, local); when other sessions hold it, dump/restore when the client
 * tools are installed; otherwise the template copy's clear refusal.
 */
export async function cloneLive(sourceUrl: string, options: DumpTools & { prefix?: string } = {}): Promise<DatabaseClone> {
  try {
    return await cloneDatabase(sourceUrl, { prefix: options.prefix });
  } catch (error) {
    const busy = (error as { cause?: { code?: string } }).cause?.code === '55006';
    if (!busy || !(await toolsInstalled(options))) throw error;
    return cloneByDump(sourceUrl, options);
  }
}

async function toolsInstalled(options: DumpTools): Promise<boolean> {
  const tools = [options.pgDump ?? process.env['PG_DUMP'] ?? 'pg_dump', options.pgRestore ?? process.env['PG_RESTORE'] ?? 'pg_restore'];
  const answers = await Promise.all(tools.map((tool) => execa(tool, ['--version'], { reject: false })));
  return answers.every((a) => a.exitCode === 0);
}
