import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Pool } from '../environment.ts';
import type { ReplicaConfigInput } from './config.ts';
import { ReplicaAdminClient, type ReplicaState } from './controls.ts';
import { leftoversOf, readRecord, removeRecord, replicaPorts, writeRecord, type LocalEnvRecord } from './env-record.ts';
import { DEFAULT_PLATFORM_DIR, DEFAULT_RELEASES_DIR, DEMO_LOGIN, ensureGone, generateSecrets, REPLICA_MAIN, spawnSupervisor, type ReadyReplica } from './launch.ts';
import { nodeCompileCache } from './cache-dirs.ts';
import { isAlive } from './proc.ts';
import { waitFor, withDeadline } from './wait.ts';

export interface Output {
  write(text: string): unknown;
}

export interface EnvUpOptions {
  /** One release (served by blue) or `[baseline, candidate]` (blue and green side by side). */
  releases: string[];
  instances?: number;
  detach?: boolean;
  /** `.greenlight` */
  stateDir: string;
  stdout: Output;
  /** Foreground mode stays up until this aborts (Ctrl-C), then tears down. */
  signal?: AbortSignal;
  platformDir?: string;
  releasesDir?: string;
  readyTimeoutMs?: number;
  /** Called once the replica is ready (foreground and detached), e.g. to open a browser. */
  onReady?: (ready: ReadyReplica) => void | Promise<void>;
  replica?: Partial<Pick<ReplicaConfigInput, 'autoscaler' | 'seedPlayers' | 'defects' | 'rngInstances' | 'logLevel'>>;
}

export interface EnvUpResult {
  ready: ReadyReplica;
  /** Wall time from the call to the ready line, measured here. */
  readyMs: number;
  /** Foreground: what was still alive or listening after the teardown (empty = clean). */
  leftovers: string[];
}

function poolsFor(releases: readonly string[]): Partial<Record<Pool, string>> {
  if (releases.length === 1) return { blue: releases[0]! };
  if (releases.length === 2) return { blue: releases[0]!, green: releases[1]! };
  throw new RangeError(`env up takes one release or a baseline and a candidate, got ${releases.length}`);
}

export async function envUp(options: EnvUpOptions): Promise<EnvUpResult> {
  const existing = readRecord(options.stateDir);
  if (existing && isAlive(existing.pid)) {
    throw new Error(`a detached local environment is already running (pid ${existing.pid}); run \`greenlight env down\` first`);
  }
  const started = performance.now();
  const workDir = mkdtempSync(join(tmpdir(), 'greenlight-env-'));
  const config: ReplicaConfigInput = {
    ...options.replica,
    workDir,
    platformDir: options.platformDir ?? DEFAULT_PLATFORM_DIR,
    releasesDir: options.releasesDir ?? DEFAULT_RELEASES_DIR,
    releases: poolsFor(options.releases) as ReplicaConfigInput['releases'],
    instances: options.instances ?? 2,
    secrets: generateSecrets(),
  };
  if (options.detach) return upDetached(options, config, started);

  const supervisor = spawnSupervisor(config, { stderrFile: join(workDir, 'supervisor.log') });
  let ready: ReadyReplica;
  try {
    const aborted = new Promise<never>((_, reject) => {
      if (options.signal?.aborted) reject(options.signal.reason);
      options.signal?.addEventListener('abort', () => reject(options.signal!.reason), { once: true });
    });
    ready = await withDeadline(Promise.race([supervisor.ready, aborted]), { timeoutMs: options.readyTimeoutMs ?? 60_000, what: 'local environment', state: 'ready' });
  } catch (error) {
    await supervisor.stop();
    rmSync(workDir, { recursive: true, force: true });
    throw error;
  }
  const readyMs = Math.round(performance.now() - started);
  printReady(options.stdout, ready, readyMs, 'Press Ctrl-C to stop.');
  const pids = await childPids(ready.adminUrl);
  await options.onReady?.(ready);
  await new Promise<void>((resolve) => {
    if (!options.signal || options.signal.aborted) return resolve();
    options.signal.addEventListener('abort', () => resolve(), { once: true });
  });
  options.stdout.write('Stopping the local environment…\n');
  await supervisor.stop();
  const leftovers = await leftoversOf([supervisor.pid, ready.postgres.pid, ...pids], replicaPorts(ready));
  rmSync(workDir, { recursive: true, force: true });
  options.stdout.write(leftovers.length === 0 ? 'Stopped; nothing left running.\n' : `Stopped with leftovers:\n  ${leftovers.join('\n  ')}\n`);
  return { ready, readyMs, leftovers };
}

async function upDetached(options: EnvUpOptions, config: ReplicaConfigInput, started: number): Promise<EnvUpResult> {
  const envDir = join(options.stateDir, 'env');
  mkdirSync(envDir, { recursive: true });
  const outFile = join(envDir, 'local.out');
  const out = openSync(outFile, 'w');
  const err = openSync(join(envDir, 'local.log'), 'w');
  const child = spawn(process.execPath, [REPLICA_MAIN], {
    detached: true,
    stdio: ['ignore', out, err],
    env: { NODE_COMPILE_CACHE: nodeCompileCache(), ...process.env, GREENLIGHT_REPLICA_CONFIG: JSON.stringify(config), GREENLIGHT_REPLICA_DETACHED: '1' },
  });
  closeSync(out);
  closeSync(err);
  child.unref();
  const pid = child.pid!;
  const line = (tag: string) => readFileSync(outFile, 'utf8').split('\n').find((l) => l.startsWith(`${tag} `))?.slice(tag.length + 1);
  let ready: ReadyReplica;
  try {
    ready = await waitFor(
      () => {
        const failed = line('GREENLIGHT_FAILED');
        if (failed) throw new Error(`local environment failed to start: ${(JSON.parse(failed) as { error: string }).error}`);
        if (!isAlive(pid)) throw new Error('local environment supervisor exited before ready');
        const text = line('GREENLIGHT_READY');
        return text ? (JSON.parse(text) as ReadyReplica) : undefined;
      },
      { timeoutMs: options.readyTimeoutMs ?? 60_000, intervalMs: 50, what: 'local environment', state: 'ready', signal: options.signal },
    );
  } catch (error) {
    if (isAlive(pid)) process.kill(pid, 'SIGTERM');
    await ensureGone(pid, 'local environment supervisor').catch(() => {});
    const postgres = line('GREENLIGHT_POSTGRES');
    if (postgres) await ensureGone((JSON.parse(postgres) as { pid: number }).pid, 'postgres').catch(() => {});
    rmSync(config.workDir, { recursive: true, force: true });
    throw error;
  }
  const readyMs = Math.round(performance.now() - started);
  const record: LocalEnvRecord = {
    pid,
    postgresPid: ready.postgres.pid,
    workDir: config.workDir,
    adminUrl: ready.adminUrl,
    edge: ready.edge,
    edgeAdmin: ready.edgeAdmin,
    releases: ready.releases,
    ports: replicaPorts(ready),
    startedAt: new Date().toISOString(),
    startupMs: readyMs,
  };
  writeRecord(options.stateDir, record);
  await options.onReady?.(ready);
  printReady(options.stdout, ready, readyMs, `Running detached (pid ${pid}); stop it with \`greenlight env down\`.`);
  return { ready, readyMs, leftovers: [] };
}

function printReady(out: Output, ready: ReadyReplica, readyMs: number, footer: string): void {
  const releases = Object.entries(ready.releases).map(([pool, version]) => `${pool} ${version}`).join(', ');
  const lines = [
    `Local environment ready in ${(readyMs / 1000).toFixed(1)} s`,
    `  play:           ${ready.edge}`,
    `  demo login:     ${DEMO_LOGIN.username} / ${DEMO_LOGIN.password}`,
    `  releases:       ${releases}`,
    ...Object.entries(ready.api).map(([pool, urls]) => `  api (${pool}):${' '.repeat(Math.max(1, 9 - pool.length))}${(urls ?? []).join(', ')}`),
    `  rng:            ${ready.rng.join(', ')}`,
    `  psp:            ${ready.psp}`,
    `  edge admin:     ${ready.edgeAdmin}`,
    `  replica admin:  ${ready.adminUrl}`,
    `  database:       ${ready.database}`,
    footer,
  ];
  out.write(`${lines.join('\n')}\n`);
}

async function childPids(adminUrl: string): Promise<number[]> {
  try {
    const state = await new ReplicaAdminClient(adminUrl).call<ReplicaState>('GET', '/state', undefined, 3_000);
    return state.processes.map((p) => p.pid).filter((pid): pid is number => pid !== undefined);
  } catch {
    return [];
  }
}

export interface EnvDownResult {
  stopped: boolean;
  leftovers: string[];
}

export async function envDown(options: { stateDir: string; stdout: Output }): Promise<EnvDownResult> {
  const record = readRecord(options.stateDir);
  if (!record) {
    options.stdout.write('No detached local environment is recorded.\n');
    return { stopped: false, leftovers: [] };
  }
  const pids = await childPids(record.adminUrl);
  if (isAlive(record.pid)) process.kill(record.pid, 'SIGTERM');
  await ensureGone(record.pid, 'local environment supervisor').catch(() => {});
  await ensureGone(record.postgresPid, 'postgres').catch(() => {});
  const leftovers = await leftoversOf([record.pid, record.postgresPid, ...pids], record.ports);
  rmSync(record.workDir, { recursive: true, force: true });
  if (leftovers.length === 0) removeRecord(options.stateDir);
  options.stdout.write(leftovers.length === 0 ? 'Local environment stopped; nothing left running.\n' : `Local environment stopped with leftovers:\n  ${leftovers.join('\n  ')}\n`);
  return { stopped: true, leftovers };
}

export interface EnvStatusResult {
  running: boolean;
  record?: LocalEnvRecord;
  state?: ReplicaState;
  health: { supervisor: boolean; edge: boolean; instances: Record<string, string> };
}

export async function envStatus(options: { stateDir: string; stdout: Output }): Promise<EnvStatusResult> {
  const record = readRecord(options.stateDir);
  const health: EnvStatusResult['health'] = { supervisor: false, edge: false, instances: {} };
  if (!record) {
    options.stdout.write('No detached local environment is recorded.\n');
    return { running: false, health };
  }
  let state: ReplicaState | undefined;
  try {
    state = await new ReplicaAdminClient(record.adminUrl).call<ReplicaState>('GET', '/state', undefined, 3_000);
    health.supervisor = true;
    for (const p of state.processes) health.instances[p.id] = p.status;
  } catch {
    health.supervisor = false;
  }
  try {
    const response = await fetch(new URL('/healthz', record.edge), { signal: AbortSignal.timeout(2_000) });
    health.edge = response.ok;
    await response.body?.cancel();
  } catch {
    health.edge = false;
  }
  const running = isAlive(record.pid) && health.supervisor;
  const lines = [
    `Local environment: ${running ? 'running' : 'NOT running'} (pid ${record.pid}, started ${record.startedAt})`,
    `  play:           ${record.edge} (${health.edge ? 'healthy' : 'unhealthy'})`,
    `  releases:       ${Object.entries(record.releases).map(([p, v]) => `${p} ${v}`).join(', ')}`,
    `  replica admin:  ${record.adminUrl}`,
    ...Object.entries(health.instances).map(([id, status]) => `  ${id.padEnd(15)} ${status}`),
    ...(state && state.faults.length > 0 ? [`  active faults:  ${state.faults.map((f) => `${f.kind} on ${f.link}`).join(', ')}`] : []),
  ];
  options.stdout.write(`${lines.join('\n')}\n`);
  return { running, record, state, health };
}
