import { KubeConfig } from '@kubernetes/client-node';
import type { Capability, Environment } from '../../environment.ts';
import { attachKubeAccess } from '../access.ts';
import { createKubeClient } from '../client.ts';
import { KUBE_BASE_CAPABILITIES } from '../connect.ts';
import { NS } from './objects.ts';

/**
 * An Environment as the kube provider gives it, without port-forwards or the platform: cluster access to `server`
 * (a fake API server's URL, through its kubeconfig) and the given extra capabilities. For backend tests.
 */
export function fakeKubeEnvironment(kubeconfig: string, options: { runId: string; capabilities?: readonly Capability[]; edge?: string; namespace?: string }): Environment {
  const kc = new KubeConfig();
  kc.loadFromString(kubeconfig);
  const namespace = options.namespace ?? NS;
  const env: Environment = {
    provider: 'kube',
    urls: { edge: options.edge ?? 'http://127.0.0.1:9' },
    capabilities: new Set([...KUBE_BASE_CAPABILITIES, ...(options.capabilities ?? [])]),
    releases: { blue: '1.5.0' },
    controls: {},
  };
  attachKubeAccess(env, { kubeConfig: kc, namespace, client: createKubeClient(kc, namespace), runId: options.runId, edgeService: { name: 'edge', port: 'http' } });
  return env;
}
