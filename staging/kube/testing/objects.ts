/** Cluster objects as a real API server returns them, for the fake API server. */
export const NS = 'casino-staging';

export function deployment(name: string, status: { replicas: number; ready: number; desired?: number; generation?: number }) {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: NS, generation: status.generation ?? 1, labels: { 'app.kubernetes.io/name': name } },
    spec: { replicas: status.desired ?? status.replicas, selector: { matchLabels: { 'app.kubernetes.io/name': name } }, template: { metadata: { labels: { 'app.kubernetes.io/name': name } }, spec: { containers: [{ name, image: `greenlight/platform-${name}` }] } } },
    status: { observedGeneration: status.generation ?? 1, replicas: status.replicas, readyReplicas: status.ready, availableReplicas: status.ready, updatedReplicas: status.replicas },
  };
}

export function hpa(name: string, status: { current: number; desired: number; utilization?: number; active?: boolean }) {
  return {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name, namespace: NS },
    spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name }, minReplicas: 1, maxReplicas: 4, metrics: [] },
    status: {
      currentReplicas: status.current,
      desiredReplicas: status.desired,
      lastScaleTime: '2026-11-27T04:00:00Z',
      currentMetrics: status.utilization === undefined ? [] : [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: status.utilization, averageValue: '350m' } } }],
      conditions: status.active === undefined ? [] : [{ type: 'ScalingActive', status: status.active ? 'True' : 'False', reason: status.active ? 'ValidMetricFound' : 'FailedGetResourceMetric' }],
    },
  };
}

export function service(name: string, ports: { name: string; port: number; targetPort: string | number }[]) {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: NS }, spec: { selector: { 'app.kubernetes.io/name': name }, ports } };
}

export function pod(name: string, app: string, options: { ready: boolean; ports?: { name: string; containerPort: number }[] }) {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: NS, labels: { 'app.kubernetes.io/name': app } },
    spec: { containers: [{ name: app, image: `greenlight/platform-${app}`, ports: options.ports ?? [{ name: 'http', containerPort: 8080 }] }] },
    status: { phase: 'Running', conditions: [{ type: 'Ready', status: options.ready ? 'True' : 'False' }] },
  };
}

export function namespace(name = NS) {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name } };
}
