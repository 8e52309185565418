import type { RunContext } from '../../core/run-context.ts';
import { kubeAccessOf } from '../../staging/kube/access.ts';
import { localInjector, type FaultInjector } from '../local/injector.ts';
import { chaosMeshInjector } from './injector.ts';

/**
 * The fault backend for the environment the run is on: Chaos Mesh on a Kubernetes environment (kube, k3s), the local
 * replica's fault points and processes otherwise.
 */
export function injectorFor(ctx: RunContext): FaultInjector {
  const access = kubeAccessOf(ctx.env);
  if (!access) return localInjector(ctx);
  const missing = (['network-faults', 'process-faults'] as const).filter((c) => !ctx.env?.capabilities.has(c));
  if (missing.length > 0) {
    throw new Error(`the cluster does not serve the Chaos Mesh CRDs behind ${missing.join(' and ')} (podchaos, networkchaos, stresschaos.chaos-mesh.org): install Chaos Mesh`);
  }
  return chaosMeshInjector(ctx, { kubeConfig: access.kubeConfig, namespace: access.namespace });
}
