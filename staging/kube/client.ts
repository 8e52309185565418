import { ApiException, AppsV1Api, AutoscalingV2Api, CoreV1Api, KubernetesObjectApi, PatchStrategy, type KubeConfig, type KubernetesObject, type V1Pod } from '@kubernetes/client-node';
import { deploymentReplicas, hpaSnapshot, rolledOut, type DeploymentReplicas, type HpaSnapshot } from './snapshots.ts';
import { FIELD_MANAGER, runSelector, withRunLabel } from './labels.ts';

/** A pod port a Service leads to. */
export interface PodTarget {
  pod: string;
  port: number;
}

/** Names an object for delete and for the cleanup ledger. */
export interface ObjectRef {
  apiVersion: string;
  kind: string;
  name: string;
  namespace?: string;
}

/** The few Kubernetes calls Greenlight makes; one namespace, one context. */
export interface KubeClient {
  readonly namespace: string;
  readHpa(name: string): Promise<HpaSnapshot>;
  readDeployment(name: string): Promise<DeploymentReplicas & { rolledOut: boolean }>;
  /** Resolves a Service port (by name or number) to a ready pod and its container port. */
  serviceTarget(service: string, port: string): Promise<PodTarget>;
  /** Server-side apply, each object labelled with the run id. Returns what was applied. */
  apply(objects: readonly KubernetesObject[], runId: string): Promise<ObjectRef[]>;
  /** Deletes; an object already gone is not an error. */
  delete(ref: ObjectRef): Promise<void>;
  /** Objects of one kind in the namespace carrying the run's label. */
  listByRun(apiVersion: string, kind: string, runId: string): Promise<ObjectRef[]>;
  /** One object as the API server holds it (status included). */
  read(ref: ObjectRef): Promise<KubernetesObject & { status?: unknown }>;
  /** Pods matching a label selector, with each container's exit code once terminated. */
  listPods(labelSelector: string): Promise<PodState[]>;
  /** The whole log of a pod's container. */
  podLog(pod: string, container?: string): Promise<string>;
  /** The in-cluster URL of a Service port (by name or number): `http://<svc>.<ns>.svc:<port>`. */
  serviceUrl(service: string, port: string): Promise<string>;
}

export interface PodState {
  name: string;
  phase: string;
  /** Exit code per container that has terminated. */
  exitCodes: Record<string, number>;
}

export function isNotFound(error: unknown): boolean {
  return error instanceof ApiException && error.code === 404;
}

export function createKubeClient(kc: KubeConfig, namespace: string): KubeClient {
  const core = kc.makeApiClient(CoreV1Api);
  const apps = kc.makeApiClient(AppsV1Api);
  const autoscaling = kc.makeApiClient(AutoscalingV2Api);
  const objects = KubernetesObjectApi.makeApiClient(kc);
  const refOf = (o: KubernetesObject): ObjectRef => ({ apiVersion: o.apiVersion ?? '', kind: o.kind ?? '', name: o.metadata?.name ?? '', namespace: o.metadata?.namespace });
  return {
    namespace,
    async readHpa(name) {
      return hpaSnapshot(await autoscaling.readNamespacedHorizontalPodAutoscaler({ name, namespace }));
    },
    async readDeployment(name) {
      const deployment = await apps.readNamespacedDeployment({ name, namespace });
      return { ...deploymentReplicas(deployment), rolledOut: rolledOut(deployment) };
    },
    async serviceTarget(serviceName, port) {
      const service = await core.readNamespacedService({ name: serviceName, namespace });
      const servicePort = service.spec?.ports?.find((p) => p.name === port || String(p.port) === port);
      if (!servicePort) throw new Error(`Service ${namespace}/${serviceName} has no port ${port}`);
      const selector = Object.entries(service.spec?.selector ?? {}).map(([k, v]) => `${k}=${v}`).join(',');
      if (!selector) throw new Error(`Service ${namespace}/${serviceName} has no selector to find pods by`);
      const pods = await core.listNamespacedPod({ namespace, labelSelector: selector });
      const pod = pods.items.find(isReady);
      if (!pod?.metadata?.name) throw new Error(`Service ${namespace}/${serviceName} has no ready pod (selector ${selector})`);
      return { pod: pod.metadata.name, port: containerPort(pod, servicePort.targetPort ?? servicePort.port) };
    },
    async apply(list, runId) {
      const applied: ObjectRef[] = [];
      for (const object of list) {
        const labelled = withRunLabel({ ...object, metadata: { ...object.metadata, namespace: object.metadata?.namespace ?? (object.kind === 'Namespace' ? undefined : namespace) } }, runId);
        const result = await objects.patch(labelled, undefined, undefined, FIELD_MANAGER, true, PatchStrategy.ServerSideApply);
        applied.push(refOf(result));
      }
      return applied;
    },
    async delete(ref) {
      try {
        await objects.delete({ apiVersion: ref.apiVersion, kind: ref.kind, metadata: { name: ref.name, namespace: ref.namespace } }, undefined, undefined, undefined, undefined, 'Background');
      } catch (error) {
        if (!isNotFound(error)) throw error;
      }
    },
    async read(ref) {
      return objects.read({ apiVersion: ref.apiVersion, kind: ref.kind, metadata: { name: ref.name, namespace: ref.namespace ?? namespace } });
    },
    async listPods(labelSelector) {
      const pods = await core.listNamespacedPod({ namespace, labelSelector });
      return pods.items.map((pod) => ({
        name: pod.metadata?.name ?? '',
        phase: pod.status?.phase ?? 'Unknown',
        exitCodes: Object.fromEntries((pod.status?.containerStatuses ?? []).flatMap((c) => (c.state?.terminated ? [[c.name, c.state.terminated.exitCode]] : []))),
      }));
    },
    async podLog(pod, container) {
      return core.readNamespacedPodLog({ name: pod, namespace, ...(container ? { container } : {}) });
    },
    async serviceUrl(serviceName, port) {
      const service = await core.readNamespacedService({ name: serviceName, namespace });
      const servicePort = service.spec?.ports?.find((p) => p.name === port || String(p.port) === port);
      if (!servicePort) throw new Error(`Service ${namespace}/${serviceName} has no port ${port}`);
      return `http://${serviceName}.${namespace}.svc:${servicePort.port}`;
    },
    async listByRun(apiVersion, kind, runId) {
      const list = await objects.list(apiVersion, kind, namespace, undefined, undefined, undefined, undefined, runSelector(runId));
      return list.items.map((item) => refOf({ apiVersion, kind, ...item }));
    },
  };
}

function isReady(pod: V1Pod): boolean {
  return pod.metadata?.deletionTimestamp === undefined && pod.status?.phase === 'Running' && (pod.status.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
}

function containerPort(pod: V1Pod, target: number | string): number {
  if (typeof target === 'number') return target;
  if (/^\d+$/.test(target)) return Number(target);
  for (const container of pod.spec?.containers ?? []) {
    const found = container.ports?.find((p) => p.name === target);
    if (found) return found.containerPort;
  }
  throw new Error(`pod ${pod.metadata?.name ?? '?'} has no container port named ${target}`);
}

/** One line for an API error: "HTTP 404: deployments.apps "edge" not found", not client-node's multi-line dump with headers. */
export function kubeErrorMessage(error: unknown): string {
  if (error instanceof ApiException) {
    const body: unknown = typeof error.body === 'string' ? parseJson(error.body) : error.body;
    const message = typeof body === 'object' && body !== null && 'message' in body ? String((body as { message: unknown }).message) : undefined;
    return `HTTP ${error.code}${message ? `: ${message}` : ''}`;
  }
  return error instanceof Error ? error.message : String(error);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
