import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { K3sContainer } from '@testcontainers/k3s';
import { ConfigError } from '../../core/errors.ts';
import type { RunContext } from '../../core/run-context.ts';
import { overlayDir, renderKustomization } from '../../fixtures/platform/deploy/render.ts';
import type { Capability, Environment, EnvironmentOptions, EnvironmentProvider } from '../environment.ts';
import { createKubeClient, type KubeClient } from '../kube/client.ts';
import { resolveKubeConfig } from '../kube/config.ts';
import { connectEnvironment, KUBE_BASE_CAPABILITIES } from '../kube/connect.ts';
import { RUN_ID_LABEL } from '../kube/labels.ts';
import { kubeForwarder, openLoopbackForward } from '../kube/port-forward.ts';
import { resolveK3sConfig, STAGING_NAMESPACE, type K3sProviderConfig, type ResolvedK3sConfig } from './config.ts';
import { preflightK3s } from './docker.ts';
import { buildAndImportImages, REPO_ROOT } from './images.ts';
import { chaosMeshHelmChart, freshSecretData, PLATFORM_SERVICES, withRelease, withSecrets } from './manifests.ts';
import { waitForRollout } from './rollout.ts';

/** k3s installs Chaos Mesh (unless `chaosMesh: false`), not k6-operator: load runs through port-forward there. */
export const K3S_CAPABILITIES: readonly Capability[] = [...KUBE_BASE_CAPABILITIES, 'network-faults', 'process-faults'];

/**
 * A throwaway k3s cluster in Docker (Testcontainers): the platform's staging overlay deployed into it, Chaos Mesh
 * installed, then the same Environment as the kube provider. The container, and with it everything in the cluster,
 * goes with the run's cleanup.
 */
export function k3sProvider(input: K3sProviderConfig = {}): EnvironmentProvider {
  const config = resolveK3sConfig(input);
  return {
    name: 'k3s',
    capabilities: K3S_CAPABILITIES,
    async preflight(options) {
      const manifest = join(REPO_ROOT, 'fixtures', 'releases', `${options.candidate}.json`);
      if (!existsSync(manifest)) {
        throw new ConfigError('k3s-release', [{ file: manifest, path: '(file)', message: `no release manifest for ${options.candidate}`, expected: 'fixtures/releases/<version>.json, baked into the platform images' }]);
      }
      const faultStages = (options.needs ?? []).filter((n) => n.needs.includes('network-faults') || n.needs.includes('process-faults'));
      if (!config.chaosMesh && faultStages.length > 0) {
        throw new ConfigError('k3s-feature-missing', faultStages.map((n) => ({ path: `stages.${n.stage}`, message: 'needs faults through Chaos Mesh, which environment.k3s.chaosMesh: false leaves out', expected: 'chaosMesh: true (the default), or leave the stage out with --only' })));
      }
      await preflightK3s();
    },
    up: (ctx, options) => upK3s(ctx, options, config),
  };
}

async function upK3s(ctx: RunContext, options: EnvironmentOptions, config: ResolvedK3sConfig): Promise<Environment> {
  ctx.progress(`k3s: starting ${config.image}`);
  const container = await new K3sContainer(config.image).withLabels({ [RUN_ID_LABEL]: ctx.runId }).start();
  ctx.cleanup.register(`k3s container ${container.getId().slice(0, 12)}`, async () => {
    await container.stop();
  });
  const kc = new KubeConfig();
  kc.loadFromString(container.getKubeConfig());
  const client = createKubeClient(kc, STAGING_NAMESPACE);

  const tag = config.images === 'build' ? 'staging' : options.candidate;
  if (config.images === 'build') await buildAndImportImages(container, { tag, progress: ctx.progress, signal: ctx.signal });
  if (config.chaosMesh) {
    ctx.progress(`k3s: installing Chaos Mesh ${config.chaosMeshVersion}`);
    await client.apply([chaosMeshHelmChart(config.chaosMeshVersion)], ctx.runId);
  }

  ctx.progress('k3s: applying the staging overlay');
  const rendered = await renderKustomization(overlayDir('staging'));
  const objects = withRelease(withSecrets(rendered, freshSecretData()), { candidate: options.candidate, imagePrefix: config.imagePrefix, tag });
  await client.apply(objects, ctx.runId);
  const rollout = { timeoutMs: config.rolloutTimeoutMs, clock: ctx.clock, signal: ctx.signal };
  await waitForRollout(client, PLATFORM_SERVICES, rollout);
  if (config.chaosMesh) await waitForRollout(createKubeClient(kc, 'chaos-mesh'), ['chaos-controller-manager'], rollout);
  await registerApiPool(ctx, kc, client);

  const kube = resolveKubeConfig({ namespace: STAGING_NAMESPACE, sampleIntervalMs: config.sampleIntervalMs });
  return connectEnvironment(ctx, { provider: 'k3s', kc, config: kube, options, client });
}

/** The edge learns its pools from its admin API; in the cluster the api Service balances over the pods. */
async function registerApiPool(ctx: RunContext, kc: KubeConfig, client: KubeClient): Promise<void> {
  const admin = await openLoopbackForward({ client, forwarder: kubeForwarder(kc, client.namespace), service: 'edge', port: 'admin', log: ctx.log });
  try {
    const response = await ctx.adapters.fetch(`${admin.url}/pools/blue`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ instances: [{ id: 'api', url: 'http://api:8080' }] }),
      signal: AbortSignal.any([ctx.signal, AbortSignal.timeout(10_000)]),
    });
    if (!response.ok) throw new Error(`edge admin PUT /pools/blue answered HTTP ${response.status}: ${await response.text()}`);
  } finally {
    await admin.close();
  }
}
