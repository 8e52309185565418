import { KubeConfig } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../core/clock.ts';
import { createKubeClient } from './client.ts';
import { startScalingObserver } from './scaling-observer.ts';
import { FakeKubeApi } from './testing/fake-api-server.ts';
import { deployment, hpa, NS } from './testing/objects.ts';

let api: FakeKubeApi;
let kc: KubeConfig;

beforeAll(async () => {
  api = await new FakeKubeApi().start();
  kc = new KubeConfig();
  kc.loadFromString(api.kubeconfig());
});
afterAll(() => api.stop());

async function until(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('ScalingObserver', () => {
  it('samples HPA desired and Deployment ready replicas every interval, following a scale-up', async () => {
    api.put(hpa('api', { current: 1, desired: 1, utilization: 30, active: true }));
    api.put(deployment('api', { replicas: 1, ready: 1 }));
    const observer = startScalingObserver({ client: createKubeClient(kc, NS), target: { deployment: 'api', hpa: 'api' }, clock: systemClock, intervalMs: 100 });
    try {
      await until(() => observer.history().length >= 2);
      api.put(hpa('api', { current: 1, desired: 3, utilization: 160, active: true }));
      api.put(deployment('api', { replicas: 3, ready: 2, desired: 3 }));
      await until(() => observer.history().some((s) => s.replicas === 2));
    } finally {
      await observer.stop();
    }
    const history = observer.history();
    expect(history[0]).toMatchObject({ replicas: 1, desired: 1, scheduled: 1, utilization: 30 });
    expect(history.at(-1)).toMatchObject({ replicas: 2, desired: 3, scheduled: 3, utilization: 160 });
    const gaps = history.slice(1).map((s, i) => s.t - history[i]!.t);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(90);
    expect(observer.lastHpa()?.desiredReplicas).toBe(3);
    const count = history.length;
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(observer.history()).toHaveLength(count);
  });

  it('records a failed reading as an error, never as a sample', async () => {
    const observer = startScalingObserver({ client: createKubeClient(kc, NS), target: { deployment: 'api', hpa: 'missing' }, clock: systemClock, intervalMs: 100 });
    try {
      await until(() => observer.errors().length >= 2);
    } finally {
      await observer.stop();
    }
    expect(observer.history()).toEqual([]);
    expect(observer.errors()[0]?.message).toMatch(/404|not found|Unknown API Status Code/i);
  });
});
