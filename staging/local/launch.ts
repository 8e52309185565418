import { randomBytes } from 'node:crypto';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa, type ResultPromise } from 'execa';
import type { ReplicaConfigInput } from './config.ts';
import { nodeCompileCache } from './cache-dirs.ts';
import { isAlive } from './proc.ts';
import { watchTaggedLines } from './ready-line.ts';
import type { ReplicaDescription } from './replica.ts';
import { waitFor } from './wait.ts';

export const REPLICA_MAIN = join(dirname(fileURLToPath(import.meta.url)), 'replica-main.ts');
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const DEFAULT_PLATFORM_DIR = join(REPO_ROOT, 'fixtures/platform');
export const DEFAULT_RELEASES_DIR = join(REPO_ROOT, 'fixtures/releases');
export const DEMO_LOGIN = { username: 'demo', password: 'demo-password-1' } as const;

export interface ReadyReplica extends ReplicaDescription {
  adminUrl: string;
  pid: number;
  startupMs: number;
}

export type ReplicaSecrets = ReplicaConfigInput['secrets'];

export function generateSecrets(): ReplicaSecrets {
  const secret = () => randomBytes(18).toString('base64url');
  return { databasePassword: secret(), pspApiKey: secret(), webhookSecret: secret(), adminToken: secret() };
}

export interface SupervisorHandle {
  child: ResultPromise;
  pid: number;
  /** Resolves with the postgres pid as soon as the supervisor reports it. */
  postgres: Promise<{ pid: number; dataDir: string }>;
  ready: Promise<ReadyReplica>;
  /** Stops the supervisor (SIGTERM, then SIGKILL) and waits until it and its postgres are gone. Idempotent. */
  stop(): Promise<void>;
}

/** Spawns the supervisor attached (stdin piped: it dies with us). */
export function spawnSupervisor(config: ReplicaConfigInput, options: { stderrFile?: string } = {}): SupervisorHandle {
  const child = execa(process.execPath, [REPLICA_MAIN], {
    env: { NODE_COMPILE_CACHE: nodeCompileCache(), ...process.env, GREENLIGHT_REPLICA_CONFIG: JSON.stringify(config) },
    stdin: 'pipe',
    stdout: 'pipe',
    stderr: options.stderrFile ? { file: options.stderrFile } : 'ignore',
    reject: false,
    buffer: false,
    forceKillAfterDelay: 25_000,
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error('the replica supervisor did not start');
  let postgresPid: number | undefined;
  let reportPostgres!: (value: { pid: number; dataDir: string }) => void;
  const postgres = new Promise<{ pid: number; dataDir: string }>((resolve) => (reportPostgres = resolve));
  const ready = new Promise<ReadyReplica>((resolve, reject) => {
    watchTaggedLines(child.stdout!, (tag, payload) => {
      if (tag === 'GREENLIGHT_POSTGRES') {
        postgresPid = (payload as { pid: number }).pid;
        reportPostgres(payload as { pid: number; dataDir: string });
      }
      if (tag === 'GREENLIGHT_READY') resolve(payload as ReadyReplica);
      if (tag === 'GREENLIGHT_FAILED') reject(new Error(`local replica failed to start: ${(payload as { error: string }).error}`));
    });
    void child.then((result) => reject(new Error(`local replica supervisor exited before ready (code ${result.exitCode}, signal ${result.signal})`)));
  });
  ready.catch(() => {});
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      if (isAlive(pid)) child.kill('SIGTERM');
      await child;
      if (postgresPid !== undefined) await ensureGone(postgresPid, 'postgres');
    })());
  return { child, pid, postgres, ready, stop };
}

/** Waits for a pid to exit; asks PostgreSQL-style (SIGQUIT) then forces (SIGKILL). Throws if it survives. */
export async function ensureGone(pid: number, what: string): Promise<void> {
  const gone = () => !isAlive(pid);
  if (gone()) return;
  const attempt = (timeoutMs: number) => waitFor(gone, { timeoutMs, intervalMs: 50, what: `${what} (pid ${pid})`, state: 'stopped' });
  try {
    await attempt(5_000);
    return;
  } catch {
    signal(pid, 'SIGQUIT');
  }
  try {
    await attempt(3_000);
  } catch {
    signal(pid, 'SIGKILL');
    await attempt(2_000);
  }
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // already gone
  }
}
