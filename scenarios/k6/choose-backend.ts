import type { Capability, Environment } from '../../staging/environment.ts';
import { kubeAccessOf, type KubeAccess } from '../../staging/kube/access.ts';
import { resolveLoadBackend } from './detect.ts';

export type LoadBackendChoice = 'auto' | 'embedded' | 'k6' | 'k6-operator';

export type ChosenBackend =
  | { backend: 'k6-operator'; access: KubeAccess }
  | { backend: 'k6'; k6Path?: string }
  | { backend: 'embedded' }
  /** The backend asked for cannot run here; the load checks are inconclusive. */
  | { backend: 'none'; why: string };

const NO_OPERATOR = 'the cluster does not serve k6-operator\'s TestRun CRD (testruns.k6.io): install k6-operator (helm install k6-operator grafana/k6-operator) or choose --load-backend embedded|k6';

/**
 * Where the environment offers k6-operator (its TestRun CRD is served), `auto` is k6-operator; elsewhere it is k6
 * when a binary answers, else the embedded engine. `k6-operator` asked for explicitly runs only on a cluster with the CRD.
 */
export async function chooseLoadBackend(choice: LoadBackendChoice, env: Environment | undefined, options: { k6Path?: string } = {}): Promise<ChosenBackend> {
  const access = kubeAccessOf(env);
  const operatorServed = env?.capabilities.has('load-operator') === true;
  if (choice === 'k6-operator') {
    if (!access) return { backend: 'none', why: `the k6-operator backend needs a Kubernetes environment (--env kube); this one is ${env?.provider ?? 'not up'}` };
    if (!operatorServed) return { backend: 'none', why: NO_OPERATOR };
    return { backend: 'k6-operator', access };
  }
  if (choice === 'auto' && access && operatorServed) return { backend: 'k6-operator', access };
  return resolveLoadBackend(choice === 'auto' ? 'auto' : choice, options);
}

/** The load stage needs `load-operator` when it asks for k6-operator, or leaves it to `auto` where the environment may offer it. */
export function loadBackendNeeds(choice: LoadBackendChoice, offered: readonly Capability[]): Capability[] {
  return choice === 'k6-operator' || (choice === 'auto' && offered.includes('load-operator')) ? ['load-operator'] : [];
}
