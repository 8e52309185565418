import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestRun, type TestRun } from '../../core/testing/run-context.ts';
import type { Capability, Environment } from '../../staging/environment.ts';
import { fakeKubeEnvironment } from '../../staging/kube/testing/kube-env.ts';
import { NS } from '../../staging/kube/testing/objects.ts';
import { faultSchema } from '../model/fault.ts';
import { chaosStage } from '../stage.ts';
import { FakeChaosApi } from '../testing/fake-chaos-api.ts';
import { injectorFor } from './select.ts';

const api = new FakeChaosApi();
let run: TestRun | undefined;
beforeAll(() => api.start());
afterAll(() => api.stop());
afterEach(async () => {
  await run?.dispose();
  run = undefined;
  api.calls.length = 0;
});

const onKube = (capabilities: Capability[]) => (run = createTestRun({ runId: 'chaos-select', stage: 'chaos', env: fakeKubeEnvironment(api.kubeconfig(), { runId: 'chaos-select', capabilities }) }));

describe('the chaos stage\'s fault backend', () => {
  it('is Chaos Mesh on a Kubernetes environment serving its CRDs', async () => {
    const { ctx } = onKube(['network-faults', 'process-faults']);
    const active = await injectorFor(ctx).inject(faultSchema.parse({ kind: 'network-delay', link: 'api->postgres', latencyMs: 100, durationMs: 5_000 }), { experiment: 'database-latency', index: 0 });
    expect(api.calls.find((c) => c.method === 'POST')?.path).toBe(`/apis/chaos-mesh.org/v1alpha1/namespaces/${NS}/networkchaos`);
    await active.remove();
    expect(api.existing()).toEqual([]);
  });

  it('refuses a Kubernetes environment without the Chaos Mesh CRDs, naming them', () => {
    const { ctx } = onKube(['network-faults']);
    expect(() => injectorFor(ctx)).toThrow(/does not serve the Chaos Mesh CRDs behind process-faults \(podchaos, networkchaos, stresschaos\.chaos-mesh\.org\): install Chaos Mesh/);
  });

  it('is the local replica\'s fault points anywhere else', () => {
    const env: Environment = { provider: 'remote', urls: { edge: 'http://127.0.0.1:9' }, capabilities: new Set(['http']), releases: {}, controls: {} };
    run = createTestRun({ runId: 'chaos-select', stage: 'chaos', env });
    expect(() => injectorFor(run!.ctx)).toThrow(/no local fault controls/);
  });

  it('is what the built-in chaos stage picks by default', async () => {
    const { ctx } = onKube([]);
    const config = chaosStage.configSchema.parse({ experiments: ['rng-outage'] });
    await expect(chaosStage.run(ctx, config)).rejects.toThrow(/Chaos Mesh CRDs/);
    expect(api.calls).toEqual([]);
  });
});
