import { ApiException, CustomObjectsApi, type KubeConfig } from '@kubernetes/client-node';
import type { ConfigIssue } from '../../core/errors.ts';
import type { Capability, StageNeeds } from '../environment.ts';
import { kubeErrorMessage } from './client.ts';

/** A capability a cluster has only when an operator's CRDs are installed. */
export interface ClusterFeature {
  capability: Capability;
  /** Who serves it, in words. */
  operator: string;
  group: string;
  version: string;
  /** Plurals of the CRDs that must all be served. */
  plurals: readonly string[];
  install: string;
}

const CHAOS_MESH_INSTALL =
  'install Chaos Mesh: helm repo add chaos-mesh https://charts.chaos-mesh.org && helm install chaos-mesh chaos-mesh/chaos-mesh -n chaos-mesh --create-namespace (containerd nodes: --set chaosDaemon.runtime=containerd --set chaosDaemon.socketPath=/run/containerd/containerd.sock)';
const K6_OPERATOR_INSTALL = 'install k6-operator: helm repo add grafana https://grafana.github.io/helm-charts && helm install k6-operator grafana/k6-operator -n k6-operator-system --create-namespace';

export const CLUSTER_FEATURES: readonly ClusterFeature[] = [
  { capability: 'network-faults', operator: 'Chaos Mesh', group: 'chaos-mesh.org', version: 'v1alpha1', plurals: ['networkchaos'], install: CHAOS_MESH_INSTALL },
  { capability: 'process-faults', operator: 'Chaos Mesh', group: 'chaos-mesh.org', version: 'v1alpha1', plurals: ['podchaos', 'stresschaos'], install: CHAOS_MESH_INSTALL },
  { capability: 'load-operator', operator: 'k6-operator', group: 'k6.io', version: 'v1alpha1', plurals: ['testruns'], install: K6_OPERATOR_INSTALL },
];

export const crdName = (plural: string, group: string) => `${plural}.${group}`;

/** What the cluster serves of each feature: the capabilities present, and the CRDs each missing one lacks. */
export interface ClusterFeatures {
  present: Capability[];
  missing: Map<Capability, { feature: ClusterFeature; crds: string[] }>;
}

/**
 * Asks API discovery (`/apis/<group>/<version>`) which of the CRDs are served. Discovery is open to every
 * authenticated user, unlike reading CustomResourceDefinitions, so namespace-scoped credentials can answer it.
 * A group that is not served at all (404) means its CRDs are not installed; any other error is thrown.
 */
export async function discoverClusterFeatures(kc: KubeConfig): Promise<ClusterFeatures> {
  const api = kc.makeApiClient(CustomObjectsApi);
  const served = new Map<string, Set<string>>();
  const resourcesOf = async (group: string, version: string): Promise<Set<string>> => {
    const key = `${group}/${version}`;
    let names = served.get(key);
    if (names) return names;
    try {
      const list = await api.getAPIResources({ group, version });
      names = new Set(list.resources.map((r) => r.name));
    } catch (error) {
      if (!(error instanceof ApiException && error.code === 404)) throw new Error(`discovery of ${key} failed: ${kubeErrorMessage(error)}`);
      names = new Set();
    }
    served.set(key, names);
    return names;
  };
  const result: ClusterFeatures = { present: [], missing: new Map() };
  for (const feature of CLUSTER_FEATURES) {
    const names = await resourcesOf(feature.group, feature.version);
    const lacking = feature.plurals.filter((plural) => !names.has(plural)).map((plural) => crdName(plural, feature.group));
    if (lacking.length === 0) result.present.push(feature.capability);
    else result.missing.set(feature.capability, { feature, crds: lacking });
  }
  return result;
}

/** One issue per planned stage that needs a feature the cluster lacks, naming the CRDs and how to install them. */
export function missingFeatureIssues(needs: readonly StageNeeds[], features: ClusterFeatures, context: string): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  for (const { stage, needs: wanted } of needs) {
    for (const capability of wanted) {
      const gap = features.missing.get(capability);
      if (!gap) continue;
      const backend = capability === 'load-operator' ? ' (or choose another load backend: --load-backend embedded|k6, which load through port-forward)' : '';
      issues.push({
        path: `stages.${stage}`,
        message: `needs "${capability}" through ${gap.feature.operator}, but context "${context}" does not serve the CRD${gap.crds.length > 1 ? 's' : ''} ${gap.crds.join(', ')}`,
        expected: `${gap.feature.install}${backend}; or leave the stage out with --only`,
      });
    }
  }
  return issues;
}
