import { afterAll, describe, expect, it } from 'vitest';
import type { Environment } from '../environment.ts';
import type { KubeScalingControls } from '../kube/connect.ts';
import { testContext } from '../kube/testing/context.ts';
import { dockerAvailability } from './docker.ts';
import { k3sProvider } from './provider.ts';

const docker = await dockerAvailability();
if (!docker.ok) console.log(`skipping the k3s cluster test: Docker is not running here (${docker.reason})`);

describe.skipIf(!docker.ok)('k3s provider against a real k3s cluster (needs Docker)', () => {
  const { ctx, dispose } = testContext('k3s-test-run');
  afterAll(async () => {
    const result = await ctx.cleanup.runAll();
    dispose();
    expect(result.status).toBe('clean');
  }, 300_000);

  it('deploys the staging overlay, serves the candidate through the edge and reads the api HPA', async () => {
    const env: Environment = await k3sProvider({ chaosMesh: false }).up(ctx, { candidate: '1.5.0' });
    const version = await fetch(`${env.urls.edge}/version`);
    expect(((await version.json()) as { version: string }).version).toBe('1.5.0');
    const scaling = env.controls.scaling as KubeScalingControls;
    const hpa = await scaling.hpa();
    expect(hpa.maxReplicas).toBe(4);
    expect((await scaling.deployment()).ready).toBeGreaterThanOrEqual(1);
  }, 900_000);
});
