import * as k8s from '@kubernetes/client-node';
import { setTimeout as sleep } from 'node:timers/promises';
import type { RunContext } from '../../core/run-context.ts';
import type { ActiveInjection, FaultInjector } from '../local/injector.ts';
import { describeFault, type Fault } from '../model/fault.ts';
import { injectionState, type ChaosStatus } from './conditions.ts';
import { CHAOS_MESH_API_VERSION, CHAOS_MESH_PLURALS, renderFault, type ChaosMeshManifest, type RenderedFault } from './render.ts';

const GROUP = 'chaos-mesh.org';
const VERSION = 'v1alpha1';

export interface ChaosMeshInjectorOptions {
  kubeConfig: k8s.KubeConfig;
  namespace: string;
  /** How long to wait for AllInjected, for deletion (recovery) and for a killed Deployment to be ready again. */
  timeoutMs?: number;
  pollMs?: number;
}

const isNotFound = (error: unknown) => error instanceof k8s.ApiException && error.code === 404;

/** Polls `read` until `done` says yes; the message says what was not reached: "<thing> not <state> after <N> ms". */
async function waitFor<T>(what: string, state: string, read: () => Promise<T>, done: (value: T) => boolean | Error, options: { timeoutMs: number; pollMs: number; signal?: AbortSignal }): Promise<T> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    const value = await read();
    const verdict = done(value);
    if (verdict instanceof Error) throw verdict;
    if (verdict) return value;
    if (Date.now() >= deadline) throw new Error(`${what} not ${state} after ${options.timeoutMs} ms`);
    await sleep(options.pollMs, undefined, options.signal ? { signal: options.signal } : undefined);
  }
}

/**
 * Applies faults as Chaos Mesh objects: creates the object (labelled with the run id, registered in ctx.cleanup as a
 * k8s resource at creation), waits until its status says Selected && AllInjected, and on removal deletes it and waits
 * until it is gone (Chaos Mesh's finalizer holds deletion until every target recovered). For one-shot pod kills,
 * recovery is the Deployment's ready replicas back at the desired count.
 */
export function chaosMeshInjector(ctx: RunContext, options: ChaosMeshInjectorOptions): FaultInjector {
  const objects = options.kubeConfig.makeApiClient(k8s.CustomObjectsApi);
  const apps = options.kubeConfig.makeApiClient(k8s.AppsV1Api);
  const wait = { timeoutMs: options.timeoutMs ?? 60_000, pollMs: options.pollMs ?? 2_000, signal: ctx.signal };
  const context = options.kubeConfig.getCurrentContext();

  const ref = (manifest: ChaosMeshManifest) => ({ group: GROUP, version: VERSION, namespace: manifest.metadata.namespace, plural: CHAOS_MESH_PLURALS[manifest.kind], name: manifest.metadata.name });
  const read = async (manifest: ChaosMeshManifest) => (await objects.getNamespacedCustomObject(ref(manifest))) as { status?: ChaosStatus };

  async function deleteAndWait(manifest: ChaosMeshManifest): Promise<void> {
    try {
      await objects.deleteNamespacedCustomObject(ref(manifest));
    } catch (error) {
      if (isNotFound(error)) return;
      throw error;
    }
    await waitFor(`${manifest.kind} ${manifest.metadata.name}`, 'deleted (recovered)', () => read(manifest).then(() => false, (e: unknown) => { if (isNotFound(e)) return true; throw e; }), (gone) => gone, wait);
  }

  async function deploymentReady(name: string): Promise<void> {
    await waitFor(`Deployment ${options.namespace}/${name}`, 'ready', () => apps.readNamespacedDeployment({ name, namespace: options.namespace }), (d) => {
      const desired = d.spec?.replicas ?? 1;
      return (d.status?.readyReplicas ?? 0) >= desired && (d.status?.updatedReplicas ?? desired) >= desired;
    }, wait);
  }

  async function apply(rendered: RenderedFault, fault: Fault): Promise<ActiveInjection> {
    const { manifest } = rendered;
    const handle = ctx.cleanup.register(`${manifest.kind} ${manifest.metadata.namespace}/${manifest.metadata.name}`, () => deleteAndWait(manifest), {
      type: 'k8s', apiVersion: CHAOS_MESH_API_VERSION, kind: manifest.kind, namespace: manifest.metadata.namespace, name: manifest.metadata.name, ...(context ? { context } : {}),
    });
    await objects.createNamespacedCustomObject({ group: GROUP, version: VERSION, namespace: manifest.metadata.namespace, plural: CHAOS_MESH_PLURALS[manifest.kind], body: manifest, fieldManager: 'greenlight' });
    await waitFor(`${manifest.kind} ${manifest.metadata.name}`, 'injected', () => read(manifest), (object) => {
      const { state, detail } = injectionState(object.status);
      return state === 'failed' ? new Error(`${manifest.kind} ${manifest.metadata.name} failed to inject: ${detail}`) : state === 'injected';
    }, wait);
    let removed = false;
    return {
      fault,
      id: manifest.metadata.name,
      description: describeFault(fault),
      async remove() {
        if (removed) return;
        await deleteAndWait(manifest);
        if (rendered.recoveryDeployment) await deploymentReady(rendered.recoveryDeployment);
        removed = true;
        handle.release();
      },
    };
  }

  let counter = 0;
  return {
    async inject(fault, where) {
      const index = where?.index ?? counter;
      counter += 1;
      return apply(renderFault(fault, { namespace: options.namespace, runId: ctx.runId, experiment: where?.experiment ?? 'adhoc', index }), fault);
    },
  };
}
