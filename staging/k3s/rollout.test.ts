import { KubeConfig } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../core/clock.ts';
import { createKubeClient } from '../kube/client.ts';
import { FakeKubeApi } from '../kube/testing/fake-api-server.ts';
import { deployment, NS } from '../kube/testing/objects.ts';
import { waitForRollout } from './rollout.ts';

let api: FakeKubeApi;
let kc: KubeConfig;
beforeAll(async () => {
  api = await new FakeKubeApi().start();
  kc = new KubeConfig();
  kc.loadFromString(api.kubeconfig());
});
afterAll(() => api.stop());

describe('waitForRollout', () => {
  it('returns once every Deployment is rolled out', async () => {
    api.put(deployment('api', { replicas: 2, ready: 1 }));
    api.put(deployment('rng', { replicas: 1, ready: 1 }));
    setTimeout(() => api.put(deployment('api', { replicas: 2, ready: 2 })), 300);
    const started = Date.now();
    await waitForRollout(createKubeClient(kc, NS), ['api', 'rng'], { timeoutMs: 5_000, clock: systemClock, signal: new AbortController().signal, pollMs: 100 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
  });

  it('names what is not rolled out, and why, when the deadline passes', async () => {
    api.put(deployment('psp', { replicas: 1, ready: 0 }));
    await expect(
      waitForRollout(createKubeClient(kc, NS), ['psp', 'edge'], { timeoutMs: 300, clock: systemClock, signal: new AbortController().signal, pollMs: 100 }),
    ).rejects.toThrow(new RegExp(`Deployments in ${NS} not rolled out after 300 ms: psp \\(0/1 ready\\), edge \\(.+\\)`));
  });
});
