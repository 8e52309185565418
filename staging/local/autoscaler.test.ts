import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Pool } from '../environment.ts';
import { Autoscaler, meanInFlight, PoolSignalMeter } from './autoscaler.ts';
import { autoscalerConfigSchema } from './config.ts';
import { ReplicaAdminClient, networkFaultControls, scalingControls, type ReplicaState } from './controls.ts';
import type { EdgeState } from './edge-client.ts';
import { generateSecrets, spawnSupervisor, type SupervisorHandle } from './launch.ts';
import { testPlatform } from './testing/test-platform.ts';
import { waitFor } from './wait.ts';

function edgeWith(inFlight: number[]): EdgeState {
  return {
    weights: { blue: 100, green: 0, canary: 0 },
    pools: { blue: inFlight.map((n, i) => ({ id: `api-blue-${i + 1}`, url: 'http://x', healthy: true, inFlight: n, requests: 0 })) },
  };
}

describe('Autoscaler loop', () => {
  it.each([
    { inFlight: [3, 5], want: 4 },
    { inFlight: [], want: undefined },
    { inFlight: [1, Number.NaN], want: undefined },
  ])('meanInFlight($inFlight) = $want', ({ inFlight, want }) => {
    expect(meanInFlight(edgeWith(inFlight), 'blue')).toBe(want);
  });

  it('averages concurrency over the period from the edge busy-time integral, counting instances that joined', () => {
    const meter = new PoolSignalMeter('concurrency');
    const at = (busy: number[], inFlight = busy.map(() => 0)): EdgeState => {
      const state = edgeWith(inFlight);
      state.pools.blue!.forEach((instance, i) => (instance.busyMs = busy[i]));
      return state;
    };
    expect(meter.read(at([0, 0], [3, 1]), 'blue', 1_000)).toBe(2);
    expect(meter.read(at([500, 1_500]), 'blue', 2_000)).toBe(1);
    expect(meter.read(at([500, 1_500, 300]), 'blue', 3_000)).toBeCloseTo(0.1, 9);
    expect(meter.read(edgeWith([4, 2]), 'blue', 4_000)).toBe(3);
  });

  it('reads requests per second per instance from the request counters', () => {
    const meter = new PoolSignalMeter('rps');
    const at = (requests: number[]): EdgeState => {
      const state = edgeWith(requests.map(() => 1));
      state.pools.blue!.forEach((instance, i) => (instance.requests = requests[i]!));
      return state;
    };
    expect(meter.read(at([100, 100]), 'blue', 1_000)).toBe(1);
    expect(meter.read(at([130, 150]), 'blue', 3_000)).toBe(20);
  });

  it('averages over the window, not just since the previous reading', () => {
    const meter = new PoolSignalMeter('rps', 3_000);
    const at = (requests: number): EdgeState => {
      const state = edgeWith([0]);
      state.pools.blue![0]!.requests = requests;
      return state;
    };
    meter.read(at(0), 'blue', 0);
    expect(meter.read(at(10), 'blue', 1_000)).toBe(10);
    expect(meter.read(at(20), 'blue', 2_000)).toBe(10);
    expect(meter.read(at(120), 'blue', 3_000)).toBe(40);
    expect(meter.read(at(130), 'blue', 4_000)).toBe(40);
  });

  it('scales to the decision and records the history; an unreadable metric changes nothing', async () => {
    let replicas = 2;
    let state: EdgeState | Error = edgeWith([6, 6]);
    const calls: number[] = [];
    const target = {
      replicas: (_pool: Pool) => replicas,
      edgeState: async () => {
        if (state instanceof Error) throw state;
        return state;
      },
      scale: async (_pool: Pool, n: number) => {
        calls.push(n);
        replicas = n;
      },
    };
    const autoscaler = new Autoscaler(autoscalerConfigSchema.parse({ enabled: true, target: 3, maxReplicas: 6 }), target);
    expect(await autoscaler.tick(1_000)).toMatchObject({ replicas: 2, metric: 6, desired: 4, reason: 'scale-up' });
    await autoscaler.settled();
    state = new Error('edge down');
    expect(await autoscaler.tick(2_000)).toMatchObject({ replicas: 4, metric: null, desired: 4, reason: 'no-metric' });
    expect(calls).toEqual([4]);
    expect(autoscaler.snapshot().history).toHaveLength(2);
    expect(autoscaler.snapshot().lastError).toContain('edge down');
  });
});

const platform = testPlatform();
const workDir = mkdtempSync(join(tmpdir(), 'gl-autoscaler-'));
let supervisor: SupervisorHandle | undefined;

afterAll(async () => {
  await supervisor?.stop();
  rmSync(workDir, { recursive: true, force: true });
});

describe(`autoscaler on a live replica (${platform.real ? 'fixtures/platform' : 'stand-in platform'})`, () => {
  it('scales out under held in-flight load and back in after it stops', async () => {
    supervisor = spawnSupervisor({
      workDir,
      platformDir: platform.platformDir,
      releasesDir: platform.releasesDir,
      releases: { blue: platform.releases[1] },
      instances: 1,
      seedPlayers: 1,
      secrets: generateSecrets(),
      autoscaler: {
        enabled: true,
        pool: 'blue',
        minReplicas: 1,
        maxReplicas: 3,
        target: 1.5,
        scaleDownStabilizationMs: 3_000,
        scaleUp: { pods: 4, percent: 100, periodMs: 1_000 },
        periodMs: 500,
      },
    }, { stderrFile: join(workDir, 'supervisor.log') });
    const ready = await supervisor.ready;
    const admin = new ReplicaAdminClient(ready.adminUrl);
    const scaling = scalingControls(admin);
    // Hold requests in flight: every answer from the first instance takes 200 ms more.
    await networkFaultControls(admin).inject({ link: 'edge->api-blue-1', kind: 'delay', params: { ms: 200, jitterMs: 0 }, ttlMs: 30_000 });

    let loading = true;
    let served = 0;
    const client = async () => {
      while (loading) {
        const response = await fetch(`${ready.edge}/version`, { signal: AbortSignal.timeout(5_000) }).catch(() => undefined);
        await response?.body?.cancel();
        if (response?.ok) served++;
      }
    };
    const clients = Array.from({ length: 8 }, client);
    try {
      await waitFor(async () => (await scaling.replicas('blue')) >= 2, { timeoutMs: 12_000, intervalMs: 200, what: 'pool blue', state: 'scaled out' });
      await waitFor(
        async () => {
          const state = await admin.call<ReplicaState>('GET', '/state');
          return (state.pools.blue ?? []).length >= 2;
        },
        { timeoutMs: 5_000, what: 'new instance', state: 'in the pool' },
      );
    } finally {
      loading = false;
      await Promise.all(clients);
    }
    expect(served).toBeGreaterThan(10);
    await waitFor(async () => (await scaling.replicas('blue')) === 1, { timeoutMs: 15_000, intervalMs: 250, what: 'pool blue', state: 'scaled back in' });

    const { history, config } = await scaling.autoscaler();
    expect(config.enabled).toBe(true);
    const peak = Math.max(...history.map((s) => s.replicas));
    expect(peak).toBeGreaterThanOrEqual(2);
    expect(history.some((s) => s.metric !== null && s.metric > 1.5 * 1.1)).toBe(true);
    const reasons = new Set(history.map((s) => s.reason));
    expect(reasons.has('scale-down-stabilized')).toBe(true);
    expect(reasons.has('scale-down') || reasons.has('clamped-min')).toBe(true);
  }, 45_000);
});
