import { KubeConfig } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKubeClient, type KubeClient } from './client.ts';
import { RUN_ID_LABEL } from './labels.ts';
import { FakeKubeApi } from './testing/fake-api-server.ts';
import { deployment, hpa, NS, pod, service } from './testing/objects.ts';

let api: FakeKubeApi;
let client: KubeClient;

beforeAll(async () => {
  api = await new FakeKubeApi().start();
  const kc = new KubeConfig();
  kc.loadFromString(api.kubeconfig());
  client = createKubeClient(kc, NS);
});
afterAll(() => api.stop());

describe('KubeClient against a fake API server', () => {
  it('reads the HPA status (autoscaling/v2) with its metrics and conditions', async () => {
    api.put(hpa('api', { current: 2, desired: 3, utilization: 91, active: true }));
    const snapshot = await client.readHpa('api');
    expect(snapshot).toMatchObject({ name: 'api', currentReplicas: 2, desiredReplicas: 3, maxReplicas: 4, scalingActive: true });
    expect(snapshot.metrics).toEqual([{ type: 'Resource', name: 'cpu', averageUtilization: 91, averageValue: '350m', value: undefined }]);
    expect(api.requests.at(-1)).toMatchObject({ method: 'GET', path: `/apis/autoscaling/v2/namespaces/${NS}/horizontalpodautoscalers/api` });
  });

  it('reads Deployment replicas and whether the rollout is complete', async () => {
    api.put(deployment('api', { replicas: 3, ready: 2 }));
    expect(await client.readDeployment('api')).toMatchObject({ desired: 3, replicas: 3, ready: 2, rolledOut: false });
    api.put(deployment('api', { replicas: 3, ready: 3 }));
    expect(await client.readDeployment('api')).toMatchObject({ ready: 3, rolledOut: true });
  });

  it('fails on a missing object instead of inventing one', async () => {
    await expect(client.readHpa('nope')).rejects.toMatchObject({ code: 404 });
  });

  it('resolves a Service port to a ready pod and the named container port', async () => {
    api.put(service('edge', [{ name: 'http', port: 8080, targetPort: 'http' }, { name: 'admin', port: 8081, targetPort: 'admin' }]));
    api.put(pod('edge-unready', 'edge', { ready: false }));
    api.put(pod('edge-ready', 'edge', { ready: true, ports: [{ name: 'http', containerPort: 8080 }, { name: 'admin', containerPort: 9081 }] }));
    expect(await client.serviceTarget('edge', 'admin')).toEqual({ pod: 'edge-ready', port: 9081 });
    const list = api.requests.find((r) => r.path === `/api/v1/namespaces/${NS}/pods`);
    expect(list?.query.labelSelector).toBe('app.kubernetes.io/name=edge');
    await expect(client.serviceTarget('edge', 'metrics')).rejects.toThrow(`Service ${NS}/edge has no port metrics`);
  });

  it('says so when a Service has no ready pod', async () => {
    api.put(service('psp', [{ name: 'http', port: 8080, targetPort: 8080 }]));
    api.put(pod('psp-1', 'psp', { ready: false }));
    await expect(client.serviceTarget('psp', 'http')).rejects.toThrow('has no ready pod');
  });

  it('applies objects server-side with the run-id label on them and on their pods', async () => {
    const refs = await client.apply([deployment('rng', { replicas: 1, ready: 0 })], 'run-42');
    expect(refs).toEqual([{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'rng', namespace: NS }]);
    const patch = api.requests.filter((r) => r.method === 'PATCH').at(-1)!;
    expect(patch.contentType).toContain('application/apply-patch+yaml');
    expect(patch.query).toMatchObject({ fieldManager: 'greenlight', force: 'true' });
    const stored = api.get('apps/v1', 'Deployment', 'rng', NS) as { metadata: { labels: Record<string, string> }; spec: { template: { metadata: { labels: Record<string, string> } }; selector: { matchLabels: Record<string, string> } } };
    expect(stored.metadata.labels[RUN_ID_LABEL]).toBe('run-42');
    expect(stored.spec.template.metadata.labels[RUN_ID_LABEL]).toBe('run-42');
    expect(stored.spec.selector.matchLabels).not.toHaveProperty(RUN_ID_LABEL);
  });

  it('lists a run\'s objects by label and deletes them, idempotently', async () => {
    await client.apply([deployment('psp', { replicas: 1, ready: 0 })], 'run-43');
    const mine = await client.listByRun('apps/v1', 'Deployment', 'run-43');
    expect(mine.map((r) => r.name)).toEqual(['psp']);
    expect(api.requests.at(-1)?.query.labelSelector).toBe(`${RUN_ID_LABEL}=run-43`);
    await client.delete(mine[0]!);
    expect(api.get('apps/v1', 'Deployment', 'psp', NS)).toBeUndefined();
    await expect(client.delete(mine[0]!)).resolves.toBeUndefined();
    expect(await client.listByRun('apps/v1', 'Deployment', 'run-43')).toEqual([]);
  });
});
