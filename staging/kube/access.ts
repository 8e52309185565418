import type { KubeConfig } from '@kubernetes/client-node';
import type { Environment } from '../environment.ts';
import type { KubeClient } from './client.ts';

/** What the Chaos Mesh and k6-operator backends need to reach the cluster an environment runs on. */
export interface KubeAccess {
  kubeConfig: KubeConfig;
  namespace: string;
  client: KubeClient;
  runId: string;
  /** The edge Service and port (name or number) that pods inside the cluster (k6 runners) load. */
  edgeService: { name: string; port: string };
}

const access = new WeakMap<Environment, KubeAccess>();

export function attachKubeAccess(env: Environment, value: KubeAccess): void {
  access.set(env, value);
}

/** The cluster behind a kube or k3s environment; undefined for any other provider. */
export function kubeAccessOf(env: Environment | undefined): KubeAccess | undefined {
  return env ? access.get(env) : undefined;
}
