import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Pool } from '../environment.ts';
import type { ReadyReplica } from './launch.ts';
import { isAlive, listeningPorts, portsOf } from './proc.ts';
import { waitFor } from './wait.ts';

/** `.greenlight/env/local.json`: what a detached local environment left for `env status` and `env down`. */
export interface LocalEnvRecord {
  pid: number;
  postgresPid: number;
  workDir: string;
  adminUrl: string;
  edge: string;
  edgeAdmin: string;
  releases: Partial<Record<Pool, string>>;
  ports: number[];
  startedAt: string;
  startupMs: number;
}

export function recordPath(stateDir: string): string {
  return join(stateDir, 'env', 'local.json');
}

export function readRecord(stateDir: string): LocalEnvRecord | undefined {
  const path = recordPath(stateDir);
  if (!existsSync(path)) return undefined;
  return JSON.parse(readFileSync(path, 'utf8')) as LocalEnvRecord;
}

export function writeRecord(stateDir: string, record: LocalEnvRecord): void {
  const path = recordPath(stateDir);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(record, null, 2)}\n`);
}

export function removeRecord(stateDir: string): void {
  rmSync(recordPath(stateDir), { force: true });
}

export function replicaPorts(ready: ReadyReplica): number[] {
  const urls = [ready.edge, ready.edgeAdmin, ready.adminUrl, ready.psp, ready.database, ...ready.rng, ...Object.values(ready.api).flat(), ...Object.values(ready.links)];
  return portsOf(urls.filter((u): u is string => typeof u === 'string'));
}

/** Names every pid still alive and every port still listening, after waiting up to `timeoutMs` for them to go. */
export async function leftoversOf(pids: readonly number[], ports: readonly number[], timeoutMs = 3_000): Promise<string[]> {
  const find = () => {
    const listening = listeningPorts();
    return [
      ...pids.filter((pid) => isAlive(pid)).map((pid) => `process ${pid} still running`),
      ...ports.filter((port) => listening.has(port)).map((port) => `port ${port} still listening`),
    ];
  };
  try {
    await waitFor(() => find().length === 0, { timeoutMs, intervalMs: 100, what: 'local environment', state: 'gone' });
    return [];
  } catch {
    return find();
  }
}
