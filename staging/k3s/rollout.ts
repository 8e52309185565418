import type { Clock } from '../../core/clock.ts';
import { kubeErrorMessage, type KubeClient } from '../kube/client.ts';

/** Waits until every Deployment has rolled out: "<names> not rolled out after <N> ms" otherwise, with the last state. */
export async function waitForRollout(client: Pick<KubeClient, 'readDeployment' | 'namespace'>, names: readonly string[], options: { timeoutMs: number; clock: Clock; signal: AbortSignal; pollMs?: number }): Promise<void> {
  const deadline = options.clock.monotonic() + options.timeoutMs;
  const pending = new Map<string, string>(names.map((name) => [name, 'not read yet']));
  while (pending.size > 0) {
    for (const name of [...pending.keys()]) {
      try {
        const state = await client.readDeployment(name);
        if (state.rolledOut) pending.delete(name);
        else pending.set(name, `${state.ready}/${state.desired} ready`);
      } catch (error) {
        pending.set(name, kubeErrorMessage(error));
      }
    }
    if (pending.size === 0) return;
    if (options.clock.monotonic() >= deadline) {
      const detail = [...pending].map(([name, state]) => `${name} (${state})`).join(', ');
      throw new Error(`Deployments in ${client.namespace} not rolled out after ${options.timeoutMs} ms: ${detail}`);
    }
    await options.clock.sleep(options.pollMs ?? 2_000, options.signal);
  }
}
