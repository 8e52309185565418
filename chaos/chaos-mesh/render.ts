import { stringify } from 'yaml';
import { RUN_ID_LABEL } from '../../staging/kube/labels.ts';
import { dependencyLink, describeFault, type Fault } from '../model/fault.ts';
import type { Experiment } from '../model/experiment.ts';

export const CHAOS_MESH_API_VERSION = 'chaos-mesh.org/v1alpha1';
export const EXPERIMENT_LABEL = 'greenlight.dev/chaos-experiment';
const APP_LABEL = 'app.kubernetes.io/name';

export type ChaosMeshKind = 'PodChaos' | 'NetworkChaos' | 'StressChaos';

export const CHAOS_MESH_PLURALS: Record<ChaosMeshKind, string> = { PodChaos: 'podchaos', NetworkChaos: 'networkchaos', StressChaos: 'stresschaos' };

export interface ChaosMeshManifest {
  apiVersion: typeof CHAOS_MESH_API_VERSION;
  kind: ChaosMeshKind;
  metadata: { name: string; namespace: string; labels: Record<string, string>; annotations: Record<string, string> };
  spec: Record<string, unknown>;
}

/** A manifest with when to apply it (from the start of the method) and, for one-shot kills, which Deployment recovers. */
export interface RenderedFault {
  manifest: ChaosMeshManifest;
  afterMs: number;
  durationMs: number;
  /** PodChaos pod-kill is one-shot: recovery is judged on this Deployment's ready replicas. */
  recoveryDeployment?: string;
}

export interface RenderOptions {
  namespace: string;
  runId: string;
}

/** The service a local instance or link end stands for in the Kubernetes deployment (fixtures/platform/deploy). */
export function serviceOf(name: string): string {
  if (name === 'webhooks') return 'edge';
  return name.replace(/-(blue|green|canary)-\d+$/, '').replace(/-\d+$/, '');
}

function linkEnds(link: string): { from: string; to: string } {
  const [from = '', to = ''] = link.split('->');
  return { from: serviceOf(from), to: serviceOf(to) };
}

const podsOf = (namespace: string, service: string) => ({ namespaces: [namespace], labelSelectors: { [APP_LABEL]: service } });
const seconds = (ms: number) => `${Math.max(1, Math.round(ms / 1000))}s`;
const millis = (ms: number) => `${ms}ms`;

function networkSpec(namespace: string, link: string, action: string, extra: Record<string, unknown>, durationMs: number, direction = 'to'): Record<string, unknown> {
  const { from, to } = linkEnds(link);
  return { action, mode: 'all', selector: podsOf(namespace, from), direction, target: { mode: 'all', selector: podsOf(namespace, to) }, duration: seconds(durationMs), ...extra };
}

function specFor(fault: Fault, namespace: string): { kind: ChaosMeshKind; spec: Record<string, unknown>; recoveryDeployment?: string; note?: string } {
  switch (fault.kind) {
    case 'network-delay':
      return { kind: 'NetworkChaos', spec: networkSpec(namespace, fault.link, 'delay', { delay: { latency: millis(fault.latencyMs), jitter: millis(fault.jitterMs), correlation: '0' } }, fault.durationMs) };
    case 'network-loss':
      return { kind: 'NetworkChaos', spec: networkSpec(namespace, fault.link, 'loss', { loss: { loss: String(fault.percent), correlation: '0' } }, fault.durationMs) };
    case 'network-reset':
      // NetworkChaos has no connection-reset action; a partition both ways is the nearest (connections fail, not hang).
      return { kind: 'NetworkChaos', spec: networkSpec(namespace, fault.link, 'partition', {}, fault.durationMs, 'both'), note: 'connection reset rendered as a partition (NetworkChaos has no reset action)' };
    case 'network-partition':
      return { kind: 'NetworkChaos', spec: networkSpec(namespace, fault.link, 'partition', {}, fault.durationMs, 'both') };
    case 'network-bandwidth':
      return { kind: 'NetworkChaos', spec: networkSpec(namespace, fault.link, 'bandwidth', { bandwidth: { rate: `${fault.bytesPerSecond}bps`, limit: 20_971_520, buffer: 10_000 } }, fault.durationMs) };
    case 'dependency-outage':
      return { kind: 'NetworkChaos', spec: networkSpec(namespace, dependencyLink(fault.dependency), 'partition', {}, fault.durationMs, 'both') };
    case 'instance-kill':
    case 'instance-restart': {
      const service = serviceOf(fault.instance);
      return { kind: 'PodChaos', spec: { action: 'pod-kill', mode: 'one', selector: podsOf(namespace, service), gracePeriod: 0 }, recoveryDeployment: service };
    }
    case 'instance-pause':
      return { kind: 'PodChaos', spec: { action: 'pod-failure', mode: 'one', selector: podsOf(namespace, serviceOf(fault.instance)), duration: seconds(fault.durationMs) } };
    case 'cpu-stress':
      return { kind: 'StressChaos', spec: { mode: 'one', selector: podsOf(namespace, serviceOf(fault.instance)), stressors: { cpu: { workers: fault.workers, load: fault.loadPercent } }, duration: seconds(fault.durationMs) } };
  }
}

/** A DNS-1123 name of at most 63 characters. */
function objectName(...parts: string[]): string {
  const name = parts.join('-').toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/-+/g, '-');
  return name.slice(0, 63).replace(/-+$/, '');
}

/** One fault as a Chaos Mesh object, labelled with the run id and the experiment. */
export function renderFault(fault: Fault, options: RenderOptions & { experiment: string; index: number }): RenderedFault {
  const { kind, spec, recoveryDeployment, note } = specFor(fault, options.namespace);
  const manifest: ChaosMeshManifest = {
    apiVersion: CHAOS_MESH_API_VERSION,
    kind,
    metadata: {
      name: objectName('gl', options.experiment, String(options.index + 1), options.runId.slice(-12)),
      namespace: options.namespace,
      labels: { [RUN_ID_LABEL]: options.runId, [EXPERIMENT_LABEL]: options.experiment, 'app.kubernetes.io/managed-by': 'greenlight' },
      annotations: { 'greenlight.dev/fault': describeFault(fault), ...(note ? { 'greenlight.dev/note': note } : {}) },
    },
    spec,
  };
  return { manifest, afterMs: fault.afterMs, durationMs: fault.durationMs, ...(recoveryDeployment ? { recoveryDeployment } : {}) };
}

/** The experiment's faults as Chaos Mesh objects, in order. */
export function renderChaosMesh(experiment: Experiment, options: RenderOptions): RenderedFault[] {
  return experiment.method.faults.map((fault, index) => renderFault(fault, { ...options, experiment: experiment.name, index }));
}

/** The manifests as one multi-document YAML stream. */
export function renderChaosMeshYaml(experiment: Experiment, options: RenderOptions): string {
  return renderChaosMesh(experiment, options).map((r) => `---\n${stringify(r.manifest)}`).join('');
}
