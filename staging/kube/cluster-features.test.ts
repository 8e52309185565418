import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../../core/errors.ts';
import type { StageNeeds } from '../environment.ts';
import { discoverClusterFeatures } from './cluster-features.ts';
import { kubeProvider } from './provider.ts';
import { FakeKubeApi } from './testing/fake-api-server.ts';
import { installChaosMeshCrds, installK6OperatorCrd } from './testing/fake-operators.ts';
import { namespace, NS } from './testing/objects.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const undo of cleanups.splice(0).reverse()) await undo();
});

async function cluster(install: (api: FakeKubeApi) => void = () => {}): Promise<{ api: FakeKubeApi; kubeconfig: string }> {
  const api = new FakeKubeApi();
  install(api);
  await api.start();
  api.put(namespace());
  const dir = mkdtempSync(join(tmpdir(), 'greenlight-kube-features-'));
  const kubeconfig = join(dir, 'config');
  writeFileSync(kubeconfig, api.kubeconfig('staging'));
  cleanups.push(() => api.stop(), () => rmSync(dir, { recursive: true, force: true }));
  return { api, kubeconfig };
}

const features = async (install?: (api: FakeKubeApi) => void) => {
  const { api } = await cluster(install);
  const kc = new KubeConfig();
  kc.loadFromString(api.kubeconfig());
  const found = await discoverClusterFeatures(kc);
  return { present: found.present, missing: Object.fromEntries([...found.missing].map(([c, gap]) => [c, gap.crds])) };
};

describe('discoverClusterFeatures (API discovery)', () => {
  it.each<[string, ((api: FakeKubeApi) => void) | undefined, { present: string[]; missing: Record<string, string[]> }]>([
    ['no operator installed', undefined, { present: [], missing: { 'network-faults': ['networkchaos.chaos-mesh.org'], 'process-faults': ['podchaos.chaos-mesh.org', 'stresschaos.chaos-mesh.org'], 'load-operator': ['testruns.k6.io'] } }],
    ['Chaos Mesh and k6-operator', (api) => (installChaosMeshCrds(api), installK6OperatorCrd(api)), { present: ['network-faults', 'process-faults', 'load-operator'], missing: {} }],
    ['Chaos Mesh without StressChaos', (api) => installChaosMeshCrds(api, ['podchaos', 'networkchaos']), { present: ['network-faults'], missing: { 'process-faults': ['stresschaos.chaos-mesh.org'], 'load-operator': ['testruns.k6.io'] } }],
  ])('%s', async (_case, install, expected) => {
    expect(await features(install)).toEqual(expected);
  });
});

describe('kube preflight with the planned stages\' needs', () => {
  const needs: StageNeeds[] = [
    { stage: 'smoke', needs: ['http'] },
    { stage: 'load', needs: ['http', 'load-operator'] },
    { stage: 'chaos', needs: ['http', 'network-faults', 'process-faults'] },
  ];
  const preflight = (kubeconfig: string, planned?: StageNeeds[]) => kubeProvider({ kubeconfig, namespace: NS }, { preflightTimeoutMs: 2_000 }).preflight!({ candidate: '1.5.0', needs: planned });

  it('names each stage, the CRDs it lacks and how to install them', async () => {
    const { kubeconfig } = await cluster((api) => installChaosMeshCrds(api, ['podchaos', 'networkchaos']));
    const error = (await preflight(kubeconfig, needs).then(() => undefined, (e: unknown) => e)) as ConfigError;
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.code).toBe('kube-feature-missing');
    expect(error.issues).toEqual([
      { path: 'stages.load', message: 'needs "load-operator" through k6-operator, but context "staging" does not serve the CRD testruns.k6.io', expected: expect.stringMatching(/^install k6-operator: helm repo add grafana .*--load-backend embedded\|k6/) },
      { path: 'stages.chaos', message: 'needs "process-faults" through Chaos Mesh, but context "staging" does not serve the CRD stresschaos.chaos-mesh.org', expected: expect.stringMatching(/^install Chaos Mesh: helm repo add chaos-mesh/) },
    ]);
  });

  it('passes when every needed CRD is served', async () => {
    const { kubeconfig, api } = await cluster((a) => (installChaosMeshCrds(a), installK6OperatorCrd(a)));
    await expect(preflight(kubeconfig, needs)).resolves.toBeUndefined();
    expect(api.requests.map((r) => r.path)).toEqual(expect.arrayContaining(['/apis/chaos-mesh.org/v1alpha1', '/apis/k6.io/v1alpha1']));
  });

  it('asks nothing about operators when no planned stage needs one', async () => {
    const { kubeconfig, api } = await cluster();
    await expect(preflight(kubeconfig, [{ stage: 'smoke', needs: ['http'] }])).resolves.toBeUndefined();
    await expect(preflight(kubeconfig)).resolves.toBeUndefined();
    expect(api.requests.some((r) => r.path.startsWith('/apis/chaos-mesh.org') || r.path.startsWith('/apis/k6.io'))).toBe(false);
  });
});

describe('greenlight run --env kube (black box)', () => {
  it('exits 64 before anything runs when the plan needs operators the cluster lacks', async () => {
    const { greenlight, tempProject } = await import('../../cli/testing.ts');
    const { kubeconfig } = await cluster();
    const project = tempProject({ environment: { provider: 'kube', kube: { kubeconfig, namespace: NS } } });
    cleanups.push(() => project.dispose());
    const result = await greenlight(project.dir, ['run', '--only', 'load,chaos']);
    expect(result.exitCode).toBe(64);
    expect(result.stderr).toContain('stages.load: needs "load-operator" through k6-operator, but context "staging" does not serve the CRD testruns.k6.io');
    expect(result.stderr).toContain('stages.chaos: needs "network-faults" through Chaos Mesh');
    const embedded = await greenlight(project.dir, ['plan', '--only', 'load', '--load-backend', 'embedded']);
    expect(embedded.stdout).toContain('with the embedded backend');
  });
});
