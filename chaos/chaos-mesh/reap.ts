import * as k8s from '@kubernetes/client-node';
import { errorMessage } from '../../core/errors.ts';
import { runSelector } from '../../staging/kube/labels.ts';
import { CHAOS_MESH_PLURALS } from './render.ts';

export interface ChaosMeshReapResult {
  removed: string[];
  failed: string[];
}

/**
 * `greenlight cleanup` for Chaos Mesh: deletes every PodChaos, NetworkChaos and StressChaos labelled with the run id
 * in the namespace. Deletion returns at once; Chaos Mesh's finalizer recovers the targets before the object goes.
 */
export async function reapChaosMeshObjects(options: { kubeConfig: k8s.KubeConfig; namespace: string; runId: string }): Promise<ChaosMeshReapResult> {
  const objects = options.kubeConfig.makeApiClient(k8s.CustomObjectsApi);
  const result: ChaosMeshReapResult = { removed: [], failed: [] };
  for (const [kind, plural] of Object.entries(CHAOS_MESH_PLURALS)) {
    const base = { group: 'chaos-mesh.org', version: 'v1alpha1', namespace: options.namespace, plural };
    let items: { metadata?: { name?: string } }[];
    try {
      items = ((await objects.listNamespacedCustomObject({ ...base, labelSelector: runSelector(options.runId) })) as { items?: typeof items }).items ?? [];
    } catch (error) {
      result.failed.push(`list ${kind} in ${options.namespace}: ${errorMessage(error)}`);
      continue;
    }
    for (const item of items) {
      const name = item.metadata?.name ?? '';
      try {
        await objects.deleteNamespacedCustomObject({ ...base, name });
        result.removed.push(`${kind} ${options.namespace}/${name}`);
      } catch (error) {
        if (error instanceof k8s.ApiException && error.code === 404) continue;
        result.failed.push(`${kind} ${options.namespace}/${name}: ${errorMessage(error)}`);
      }
    }
  }
  return result;
}
