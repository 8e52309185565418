import { ApiException, CoreV1Api, VersionApi, type KubeConfig } from '@kubernetes/client-node';
import { ConfigError, errorMessage } from '../../core/errors.ts';
import type { StageNeeds } from '../environment.ts';
import { kubeErrorMessage } from './client.ts';
import { CLUSTER_FEATURES, discoverClusterFeatures, missingFeatureIssues } from './cluster-features.ts';
import type { ResolvedKubeConfig } from './config.ts';
import { loadKubeConfig, USE_LOCAL_HINT } from './kubeconfig.ts';

/**
 * Plan-time check: the kubeconfig and context exist, the cluster answers within `timeoutMs`, and the namespace
 * is there and readable; when planned stages need operator-backed capabilities (Chaos Mesh, k6-operator), their
 * CRDs are served. Every failure is a ConfigError naming what is missing and how to get it.
 */
export async function preflightKube(config: ResolvedKubeConfig, options: { timeoutMs?: number; env?: NodeJS.ProcessEnv; home?: string; needs?: readonly StageNeeds[] } = {}): Promise<KubeConfig> {
  const kc = loadKubeConfig(config, { env: options.env, home: options.home });
  const context = kc.getCurrentContext();
  const server = kc.getCurrentCluster()?.server ?? '?';
  const timeoutMs = options.timeoutMs ?? 5_000;
  const fail = (path: string, message: string, expected?: string) => new ConfigError('kube-unavailable', [{ path, message, expected }], USE_LOCAL_HINT);
  try {
    await withTimeout(kc.makeApiClient(VersionApi).getCode(), timeoutMs, `cluster ${server} did not answer within ${timeoutMs} ms`);
  } catch (error) {
    const reason = error instanceof ApiException && (error.code === 401 || error.code === 403) ? `rejected the credentials (HTTP ${error.code})` : `is unreachable: ${errorMessage(error)}`;
    throw fail('environment.kube.context', `context "${context}" (server ${server}) ${reason}`, 'a reachable cluster');
  }
  const core = kc.makeApiClient(CoreV1Api);
  try {
    await withTimeout(core.listNamespacedPod({ namespace: config.namespace, limit: 1 }), timeoutMs, `listing pods did not answer within ${timeoutMs} ms`);
    await withTimeout(core.readNamespace({ name: config.namespace }), timeoutMs, `reading the namespace did not answer within ${timeoutMs} ms`).catch((error: unknown) => {
      // Namespace-scoped credentials may not read Namespace objects; listing pods already proved access.
      if (error instanceof ApiException && error.code === 403) return;
      throw error;
    });
  } catch (error) {
    if (error instanceof ApiException && error.code === 404) throw fail('environment.kube.namespace', `namespace "${config.namespace}" does not exist in context "${context}"`, 'an existing namespace');
    if (error instanceof ApiException && error.code === 403) throw fail('environment.kube.namespace', `context "${context}" may not read pods in namespace "${config.namespace}" (HTTP 403)`, 'credentials that can read the namespace');
    throw fail('environment.kube.namespace', `namespace "${config.namespace}" could not be read: ${kubeErrorMessage(error)}`);
  }
  const clusterNeeds = (options.needs ?? []).filter((n) => n.needs.some((c) => CLUSTER_FEATURES.some((f) => f.capability === c)));
  if (clusterNeeds.length > 0) {
    const features = await withTimeout(discoverClusterFeatures(kc), timeoutMs, `API discovery did not answer within ${timeoutMs} ms`).catch((error: unknown) => {
      throw fail('environment.kube.context', `could not tell which operators context "${context}" serves: ${errorMessage(error)}`);
    });
    const issues = missingFeatureIssues(clusterNeeds, features, context);
    if (issues.length > 0) throw new ConfigError('kube-feature-missing', issues, 'install the operator named above in the cluster, or plan without the stage that needs it');
  }
  return kc;
}

async function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([promise, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(message)), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}
