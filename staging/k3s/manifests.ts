import { randomBytes } from 'node:crypto';
import type { KubeObject } from '../../fixtures/platform/deploy/render.ts';

export const PLATFORM_SERVICES = ['api', 'rng', 'psp', 'edge'] as const;
const IMAGE_PREFIX = 'greenlight/platform-';

interface PodSpecHolder {
  spec?: { template?: { spec?: { containers?: Container[]; initContainers?: Container[] } } };
}
interface Container {
  name: string;
  image?: string;
  env?: { name: string; value?: string }[];
}

/** Fresh random values for platform-secrets, consistent with each other (DATABASE_URL carries POSTGRES_PASSWORD). */
export function freshSecretData(random: (bytes: number) => string = (n) => randomBytes(n).toString('hex')): Record<string, string> {
  const password = random(18);
  return {
    POSTGRES_PASSWORD: password,
    DATABASE_URL: `postgres://casino:${password}@postgres:5432/casino`,
    PSP_API_KEY: random(24),
    WEBHOOK_SECRET: random(32),
    ADMIN_TOKEN: random(24),
  };
}

/** Replaces the placeholder values of the overlay's platform-secrets; refuses an overlay without one. */
export function withSecrets(objects: readonly KubeObject[], values: Record<string, string>): KubeObject[] {
  let replaced = 0;
  const result = objects.map((object) => {
    if (object.kind !== 'Secret' || !object.metadata.name.startsWith('platform-secrets')) return object;
    replaced++;
    const data = Object.fromEntries(Object.entries(values).map(([key, value]) => [key, Buffer.from(value).toString('base64')]));
    return { ...object, data };
  });
  if (replaced !== 1) throw new Error(`expected one platform-secrets Secret in the staging overlay, found ${replaced}`);
  return result;
}

/** Points the api at the candidate's release manifest and, for `reference` images, at the given registry. */
export function withRelease(objects: readonly KubeObject[], options: { candidate: string; imagePrefix?: string; tag?: string }): KubeObject[] {
  return objects.map((object) => {
    if (object.kind !== 'Deployment' && object.kind !== 'StatefulSet') return object;
    const copy = structuredClone(object) as KubeObject & PodSpecHolder;
    const podSpec = copy.spec?.template?.spec;
    for (const container of [...(podSpec?.containers ?? []), ...(podSpec?.initContainers ?? [])]) {
      if (container.image?.startsWith(IMAGE_PREFIX)) {
        const [name] = container.image.split(':');
        const service = name!.slice(IMAGE_PREFIX.length);
        container.image = `${options.imagePrefix ?? IMAGE_PREFIX}${options.imagePrefix ? `platform-${service}` : service}:${options.tag ?? 'staging'}`;
      }
      for (const env of container.env ?? []) {
        if (env.name === 'RELEASE_MANIFEST') env.value = `/app/fixtures/releases/${options.candidate}.json`;
      }
    }
    return copy;
  });
}

/**
 * Chaos Mesh through k3s's bundled Helm controller (no helm binary needed), with chaos-daemon on k3s's containerd
 * socket. Leader election off: one replica, and it stops a restart from waiting out a stale lease.
 */
export function chaosMeshHelmChart(version: string): KubeObject {
  return {
    apiVersion: 'helm.cattle.io/v1',
    kind: 'HelmChart',
    metadata: { name: 'chaos-mesh', namespace: 'kube-system' },
    spec: {
      repo: 'https://charts.chaos-mesh.org',
      chart: 'chaos-mesh',
      version,
      targetNamespace: 'chaos-mesh',
      createNamespace: true,
      set: {
        'chaosDaemon.runtime': 'containerd',
        'chaosDaemon.socketPath': '/run/k3s/containerd/containerd.sock',
        'controllerManager.leaderElection.enabled': 'false',
        'controllerManager.replicaCount': '1',
        'dashboard.create': 'false',
      },
    },
  };
}
