import { KubeConfig } from '@kubernetes/client-node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { RUN_ID_LABEL } from '../../staging/kube/labels.ts';
import { faultSchema, type FaultInput } from '../model/fault.ts';
import { FakeChaosApi } from '../testing/fake-chaos-api.ts';
import { testRunContext } from '../testing/run-context.ts';
import { injectionState, isRecovered } from './conditions.ts';
import { chaosMeshInjector } from './injector.ts';
import { reapChaosMeshObjects } from './reap.ts';
import { ChaosMeshValidator } from './validate.ts';

const api = new FakeChaosApi();
const validator = new ChaosMeshValidator();
let kc: KubeConfig;
let harness: ReturnType<typeof testRunContext>;

beforeAll(async () => {
  await api.start();
  kc = new KubeConfig();
  kc.loadFromString(api.kubeconfig());
});
afterAll(() => api.stop());
afterEach(async () => {
  await harness?.dispose();
  api.behaviour = 'inject';
  api.calls.length = 0;
});

function injector(timeoutMs = 2_000) {
  harness = testRunContext('chaos-mesh-test');
  return { ctx: harness.ctx, injector: chaosMeshInjector(harness.ctx, { kubeConfig: kc, namespace: 'casino', pollMs: 20, timeoutMs }) };
}

const fault = (input: FaultInput) => faultSchema.parse(input);

describe('chaosMeshInjector against a fake API server', () => {
  it('creates a labelled, schema-valid NetworkChaos, waits for AllInjected, deletes it and waits for it to go', async () => {
    const { ctx, injector: chaos } = injector();
    const active = await chaos.inject(fault({ kind: 'network-delay', link: 'api->postgres', latencyMs: 200, durationMs: 5_000 }), { experiment: 'database-latency', index: 0 });
    const created = api.calls.find((c) => c.method === 'POST')!;
    expect(created.path).toBe('/apis/chaos-mesh.org/v1alpha1/namespaces/casino/networkchaos');
    expect(validator.validate(created.body as Record<string, unknown>)).toEqual([]);
    expect(created.body).toMatchObject({ metadata: { name: active.id, labels: { [RUN_ID_LABEL]: 'chaos-mesh-test', 'greenlight.dev/chaos-experiment': 'database-latency' } } });
    expect(api.calls.filter((c) => c.method === 'GET').length).toBeGreaterThanOrEqual(2);
    expect(ctx.cleanup.size).toBe(1);
    await active.remove();
    expect(api.calls.some((c) => c.method === 'DELETE' && c.path.endsWith(`/networkchaos/${active.id}`))).toBe(true);
    expect(api.existing()).toEqual([]);
    expect(ctx.cleanup.size).toBe(0);
  });

  it('judges a one-shot pod kill recovered only when the Deployment is ready again', async () => {
    api.deployments.set('api', { replicas: 2, ready: 2, recoverAfterPolls: 3 });
    const { injector: chaos } = injector();
    const active = await chaos.inject(fault({ kind: 'instance-kill', instance: 'api-green-1', durationMs: 1_000 }), { experiment: 'api-instance-kill', index: 0 });
    expect(api.calls.find((c) => c.method === 'POST')!.path).toMatch(/\/podchaos$/);
    await active.remove();
    const deploymentReads = api.calls.filter((c) => c.path === '/apis/apps/v1/namespaces/casino/deployments/api');
    expect(deploymentReads.length).toBeGreaterThanOrEqual(3);
    expect(api.deployments.get('api')!.ready).toBe(2);
  });

  it('fails an injection the status reports as failed, with the record event; the object stays registered for cleanup', async () => {
    api.behaviour = 'fail';
    const { ctx, injector: chaos } = injector();
    await expect(chaos.inject(fault({ kind: 'network-partition', link: 'api->rng', durationMs: 1_000 }), { experiment: 'rng-outage', index: 0 })).rejects.toThrow(/failed to inject: casino\/api-0: tc: permission denied/);
    expect(ctx.cleanup.size).toBe(1);
    expect(await ctx.cleanup.runAll()).toEqual({ status: 'clean', leftovers: [] });
    expect(api.existing()).toEqual([]);
  });

  it('gives up when AllInjected never comes, in the shared message shape', async () => {
    api.behaviour = 'never';
    const { injector: chaos } = injector(300);
    await expect(chaos.inject(fault({ kind: 'cpu-stress', instance: 'rng-1', durationMs: 1_000 }), { experiment: 'x', index: 0 })).rejects.toThrow(/StressChaos gl-x-1-\S+ not injected after 300 ms/);
  });

  it('records the object in the cleanup ledger as a k8s resource (for greenlight cleanup)', async () => {
    const { ctx, injector: chaos } = injector();
    const active = await chaos.inject(fault({ kind: 'network-loss', link: 'api->psp', percent: 50, durationMs: 1_000 }), { experiment: 'psp', index: 2 });
    expect(active.id).toMatch(/^gl-psp-3-/);
    const { readFileSync } = await import('node:fs');
    const { leaseFile } = await import('../../core/cleanup/registry.ts');
    const ledger = JSON.parse(readFileSync(leaseFile(ctx.stateDir, ctx.runId), 'utf8'));
    expect(ledger.entries[0].resource).toEqual({ type: 'k8s', apiVersion: 'chaos-mesh.org/v1alpha1', kind: 'NetworkChaos', namespace: 'casino', name: active.id, context: 'fake' });
  });
});

describe('reapChaosMeshObjects (greenlight cleanup)', () => {
  it('deletes only the chaos objects labelled with the crashed run\'s id', async () => {
    const { injector: chaos } = injector();
    await chaos.inject(fault({ kind: 'network-partition', link: 'api->rng', durationMs: 1_000 }), { experiment: 'rng-outage', index: 0 });
    await chaos.inject(fault({ kind: 'cpu-stress', instance: 'rng-1', durationMs: 1_000 }), { experiment: 'rng-outage', index: 1 });
    const other = chaosMeshInjector({ ...harness.ctx, runId: 'another-run' }, { kubeConfig: kc, namespace: 'casino', pollMs: 20, timeoutMs: 2_000 });
    await other.inject(fault({ kind: 'network-reset', link: 'api->psp', durationMs: 1_000 }), { experiment: 'x', index: 0 });
    const result = await reapChaosMeshObjects({ kubeConfig: kc, namespace: 'casino', runId: 'chaos-mesh-test' });
    expect(result.failed).toEqual([]);
    expect(result.removed.sort()).toEqual([expect.stringMatching(/^NetworkChaos casino\/gl-rng-outage-1-/), expect.stringMatching(/^StressChaos casino\/gl-rng-outage-2-/)]);
    const deleting = api.existing().filter((o) => o.metadata.deletionTimestamp).map((o) => o.metadata.labels['greenlight.dev/run-id']);
    const kept = api.existing().filter((o) => !o.metadata.deletionTimestamp).map((o) => o.metadata.labels['greenlight.dev/run-id']);
    expect({ deleting, kept }).toEqual({ deleting: ['chaos-mesh-test', 'chaos-mesh-test'], kept: ['another-run'] });
  });
});

describe('status conditions', () => {
  const c = (type: string, status: string) => ({ type, status });
  it.each<[string, Parameters<typeof injectionState>[0], string]>([
    ['no status', undefined, 'unknown'],
    ['no conditions', { conditions: [] }, 'unknown'],
    ['selected, injecting', { conditions: [c('Selected', 'True'), c('AllInjected', 'False')] }, 'injecting'],
    ['nothing selected', { conditions: [c('Selected', 'False'), c('AllInjected', 'True')] }, 'injecting'],
    ['injected', { conditions: [c('Selected', 'True'), c('AllInjected', 'True')] }, 'injected'],
    ['apply failed', { conditions: [c('Selected', 'True')], experiment: { containerRecords: [{ events: [{ type: 'Failed', operation: 'Apply', message: 'x' }] }] } }, 'failed'],
    ['recover failed is not an injection failure', { conditions: [c('Selected', 'True'), c('AllInjected', 'True')], experiment: { containerRecords: [{ events: [{ type: 'Failed', operation: 'Recover' }] }] } }, 'injected'],
  ])('%s → %s', (_case, status, state) => {
    expect(injectionState(status).state).toBe(state);
  });

  it('recovered needs Selected and AllRecovered', () => {
    expect(isRecovered({ conditions: [c('Selected', 'True'), c('AllRecovered', 'True')] })).toBe(true);
    expect(isRecovered({ conditions: [c('AllRecovered', 'True')] })).toBe(false);
    expect(isRecovered(undefined)).toBe(false);
  });
});
