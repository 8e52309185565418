import type { V1Deployment, V2HorizontalPodAutoscaler } from '@kubernetes/client-node';

export interface HpaMetric {
  type: string;
  /** Resource or metric name, e.g. `cpu`. */
  name?: string;
  averageUtilization?: number;
  averageValue?: string;
  value?: string;
}

export interface HpaCondition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
}

/** What the autoscaling checks need from an autoscaling/v2 HorizontalPodAutoscaler. */
export interface HpaSnapshot {
  name: string;
  minReplicas?: number;
  maxReplicas: number;
  currentReplicas?: number;
  desiredReplicas: number;
  metrics: HpaMetric[];
  conditions: HpaCondition[];
  /** ScalingActive=True: the HPA found its metrics. Undefined when the condition is absent (unknown, not false). */
  scalingActive?: boolean;
  lastScaleTime?: number;
}

export interface DeploymentReplicas {
  name: string;
  /** spec.replicas: what the HPA (or a person) asked for. */
  desired: number;
  /** status.replicas: pods that exist. */
  replicas: number;
  ready: number;
  available: number;
  updated: number;
}

export function hpaSnapshot(hpa: V2HorizontalPodAutoscaler): HpaSnapshot {
  const status = hpa.status;
  if (!status) throw new Error(`HorizontalPodAutoscaler ${hpa.metadata?.name ?? '?'} has no status yet`);
  const conditions = (status.conditions ?? []).map(({ type, status: state, reason, message }) => ({ type, status: state, reason, message }));
  const active = conditions.find((c) => c.type === 'ScalingActive');
  return {
    name: hpa.metadata?.name ?? '',
    minReplicas: hpa.spec?.minReplicas,
    maxReplicas: hpa.spec?.maxReplicas ?? 0,
    currentReplicas: status.currentReplicas,
    desiredReplicas: status.desiredReplicas,
    metrics: (status.currentMetrics ?? []).map((metric) => {
      const source = metric.resource ?? metric.containerResource;
      const current = source?.current ?? metric.pods?.current ?? metric.object?.current ?? metric.external?.current;
      const name = source?.name ?? metric.pods?.metric.name ?? metric.object?.metric.name ?? metric.external?.metric.name;
      return { type: metric.type, name, averageUtilization: current?.averageUtilization, averageValue: quantity(current?.averageValue), value: quantity(current?.value) };
    }),
    conditions,
    scalingActive: active ? active.status === 'True' : undefined,
    lastScaleTime: status.lastScaleTime ? new Date(status.lastScaleTime).getTime() : undefined,
  };
}

export function deploymentReplicas(deployment: V1Deployment): DeploymentReplicas {
  const status = deployment.status ?? {};
  return {
    name: deployment.metadata?.name ?? '',
    desired: deployment.spec?.replicas ?? 1,
    replicas: status.replicas ?? 0,
    ready: status.readyReplicas ?? 0,
    available: status.availableReplicas ?? 0,
    updated: status.updatedReplicas ?? 0,
  };
}

/** True when the rollout of the current spec is complete, as `kubectl rollout status` judges it. */
export function rolledOut(deployment: V1Deployment): boolean {
  const replicas = deploymentReplicas(deployment);
  const observed = (deployment.status?.observedGeneration ?? 0) >= (deployment.metadata?.generation ?? 0);
  return observed && replicas.updated >= replicas.desired && replicas.replicas === replicas.updated && replicas.available >= replicas.desired;
}

function quantity(value: unknown): string | undefined {
  return value === undefined || value === null ? undefined : String(value);
}
