import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { errorMessage } from '../errors.ts';
import type { Ledger, Reapable } from './resources.ts';
import { describeResource } from './resources.ts';

export interface ReapResult {
  runId: string;
  ownerAlive: boolean;
  removed: string[];
  failed: string[];
}

export interface ReapOptions {
  stateDir: string;
  /** Only this run's leftovers. */
  runId?: string;
  /** Reap even when the run's process still lives. */
  force?: boolean;
  fetch?: typeof globalThis.fetch;
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Reads every lease a crashed (or, with force, any) run left behind and removes what it names, newest first. */
export async function reapLeftovers(options: ReapOptions): Promise<ReapResult[]> {
  const dir = join(options.stateDir, 'leases');
  if (!existsSync(dir)) return [];
  const results: ReapResult[] = [];
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.json'))) {
    const file = join(dir, name);
    const ledger = JSON.parse(readFileSync(file, 'utf8')) as Ledger;
    if (options.runId && ledger.runId !== options.runId) continue;
    const ownerAlive = ledger.ownerPid !== process.pid && isAlive(ledger.ownerPid);
    const result: ReapResult = { runId: ledger.runId, ownerAlive, removed: [], failed: [] };
    results.push(result);
    if (ownerAlive && !options.force) continue;
    for (const entry of [...ledger.entries].reverse()) {
      if (!entry.resource) continue;
      try {
        await reapOne(entry.resource, options.fetch ?? globalThis.fetch);
        result.removed.push(describeResource(entry.resource));
      } catch (error) {
        result.failed.push(`${describeResource(entry.resource)}: ${errorMessage(error)}`);
      }
    }
    if (result.failed.length === 0) rmSync(file, { force: true });
  }
  return results;
}

async function reapOne(resource: Reapable, fetch: typeof globalThis.fetch): Promise<void> {
  switch (resource.type) {
    case 'process':
      return killProcess(resource.pid, resource.command, resource.group ?? false);
    case 'path':
      return rmSync(resource.path, { recursive: true, force: true });
    case 'http': {
      const response = await fetch(resource.url, {
        method: resource.method,
        headers: { 'content-type': 'application/json' },
        body: resource.body === undefined ? undefined : JSON.stringify(resource.body),
        signal: AbortSignal.timeout(5000),
      }).catch((error: unknown) => {
        // The server that held the resource is gone, and the resource with it.
        if (errorMessage(error).includes('fetch failed')) return undefined;
        throw error;
      });
      if (response && !response.ok && response.status !== 404) throw new Error(`answered ${response.status}`);
      return;
    }
    case 'database':
      return dropDatabase(resource.serverUrl, resource.name);
    case 'k8s':
      return deleteKubernetesObject(resource);
  }
}

/** Kills a recorded process only if it is still the same program (pids get reused). */
async function killProcess(pid: number, command: string, group: boolean): Promise<void> {
  if (!isAlive(pid) || !commandMatches(pid, command)) return;
  const target = group ? -pid : pid;
  const send = (signal: NodeJS.Signals) => {
    try {
      process.kill(target, signal);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
    }
  };
  send('SIGTERM');
  for (let i = 0; i < 30 && isAlive(pid); i++) await sleep(100);
  if (isAlive(pid)) send('SIGKILL');
  for (let i = 0; i < 20 && isAlive(pid); i++) await sleep(100);
  if (isAlive(pid) && !isZombie(pid)) throw new Error('still running after SIGKILL');
}

function commandMatches(pid: number, command: string): boolean {
  try {
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
    return cmdline.includes(command);
  } catch {
    return true;
  }
}

function isZombie(pid: number): boolean {
  try {
    return /^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, 'utf8'));
  } catch {
    return false;
  }
}

async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
  } catch (error) {
    // The server is gone (an embedded one dies with its run), and the database with it.
    if (/ECONNREFUSED/.test(errorMessage(error))) return;
    throw error;
  }
  try {
    await client.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

/** Deletes a cluster object a crashed run labelled (a Chaos Mesh fault, a k6 TestRun); gone already is fine. */
async function deleteKubernetesObject(resource: Extract<Reapable, { type: 'k8s' }>): Promise<void> {
  const k8s = await import('@kubernetes/client-node');
  const config = new k8s.KubeConfig();
  config.loadFromDefault();
  if (resource.context) config.setCurrentContext(resource.context);
  const objects = k8s.KubernetesObjectApi.makeApiClient(config);
  try {
    await objects.delete({ apiVersion: resource.apiVersion, kind: resource.kind, metadata: { name: resource.name, namespace: resource.namespace } });
  } catch (error) {
    if ((error as { code?: number }).code !== 404) throw error;
  }
}
