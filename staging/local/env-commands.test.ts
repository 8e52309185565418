import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { envDown, envStatus, envUp } from './commands.ts';
import { ReplicaAdminClient, type ReplicaState } from './controls.ts';
import { leftoversOf, readRecord } from './env-record.ts';
import { killAll } from './testing/driver-process.ts';
import { testPlatform } from './testing/test-platform.ts';

const platform = testPlatform();
const toKill: number[] = [];
const dirs: string[] = [];

afterEach(async () => {
  for (const dir of dirs) if (readRecord(dir)) await envDown({ stateDir: dir, stdout: { write: () => true } });
  killAll(toKill.splice(0));
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function stateDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'gl-env-test-'));
  dirs.push(dir);
  return dir;
}

function sink() {
  let text = '';
  return { write: (chunk: string) => (text += chunk), text: () => text };
}

describe(`env up --detach / status / down (${platform.real ? 'fixtures/platform' : 'stand-in platform'})`, () => {
  it('env up --detach, status, then down leaves no process and no listening port', async () => {
    const dir = stateDir();
    const out = sink();
    const up = await envUp({ releases: platform.releases, instances: 1, detach: true, stateDir: dir, stdout: out, platformDir: platform.platformDir, releasesDir: platform.releasesDir, replica: { seedPlayers: 2 } });
    const record = readRecord(dir)!;
    toKill.push(record.pid, record.postgresPid);
    expect(out.text()).toContain('demo / demo-password-1');
    expect(out.text()).toContain(up.ready.edge);
    expect(up.readyMs).toBeGreaterThan(0);
    const state = await new ReplicaAdminClient(record.adminUrl).call<ReplicaState>('GET', '/state');
    const pids = state.processes.map((p) => p.pid!);
    expect(state.processes.map((p) => p.id).sort()).toEqual(['api-blue-1', 'api-green-1', 'edge', 'postgres', 'postgres-guard', 'psp', 'rng-1']);

    if (platform.real) {
      // The demo login printed for humans works against the real api, through the edge.
      const login = await fetch(`${up.ready.edge}/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'demo', password: 'demo-password-1' }),
      });
      expect(login.status).toBe(200);
      expect(((await login.json()) as { token?: string }).token).toBeTruthy();
    }

    const status = await envStatus({ stateDir: dir, stdout: sink() });
    expect(status.running).toBe(true);
    expect(status.health.edge).toBe(true);

    const down = await envDown({ stateDir: dir, stdout: sink() });
    expect(down).toEqual({ stopped: true, leftovers: [] });
    expect(await leftoversOf([record.pid, record.postgresPid, ...pids], record.ports, 0)).toEqual([]);
    expect(readRecord(dir)).toBeUndefined();
    const after = await envStatus({ stateDir: dir, stdout: sink() });
    expect(after.running).toBe(false);
  });
});
