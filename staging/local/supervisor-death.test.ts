import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ReplicaAdminClient, type ReplicaState } from './controls.ts';
import { leftoversOf, replicaPorts } from './env-record.ts';
import { generateSecrets, spawnSupervisor } from './launch.ts';
import { isAlive } from './proc.ts';
import { killAll } from './testing/driver-process.ts';
import { testPlatform } from './testing/test-platform.ts';

const platform = testPlatform();
const workDir = mkdtempSync(join(tmpdir(), 'gl-supervisor-death-'));
const pids: number[] = [];

afterAll(() => {
  killAll(pids);
  rmSync(workDir, { recursive: true, force: true });
});

describe(`supervisor death (${platform.real ? 'fixtures/platform' : 'stand-in platform'})`, () => {
  it('SIGKILLing the supervisor itself still takes postgres (via its guard) and every service down', async () => {
    const supervisor = spawnSupervisor({
      workDir,
      platformDir: platform.platformDir,
      releasesDir: platform.releasesDir,
      releases: { blue: platform.releases[1] },
      instances: 1,
      seedPlayers: 1,
      secrets: generateSecrets(),
    });
    const ready = await supervisor.ready;
    const state = await new ReplicaAdminClient(ready.adminUrl).call<ReplicaState>('GET', '/state');
    pids.push(supervisor.pid, ...state.processes.map((p) => p.pid!));
    expect(pids.every(isAlive)).toBe(true);
    expect(existsSync(ready.postgres.dataDir)).toBe(true);

    process.kill(supervisor.pid, 'SIGKILL');
    expect(await leftoversOf(pids, replicaPorts(ready), 8_000)).toEqual([]);
    expect(existsSync(ready.postgres.dataDir)).toBe(false);
  }, 40_000);
});
