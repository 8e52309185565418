import { createHash } from 'node:crypto';
import { isMap, isScalar } from 'yaml';
import type { Document } from 'yaml';
import type { InputIssues } from '../input/issues.ts';
import type { YamlSource } from './render-input.ts';

export type ContainerShape = {
  image?: string;
  requests: Record<string, string>;
  limits: Record<string, string>;
  /** Env var name → where its value comes from (`value`, `secretKeyRef:db/password`, …); never the value itself. */
  env: Record<string, string>;
  envFrom: string[];
};

export type WorkloadShape = {
  kind: string;
  name: string;
  replicas?: number;
  containers: Record<string, ContainerShape>;
  hpa?: { name: string; minReplicas?: number; maxReplicas?: number };
};

/** What drift compares. Secrets keep key names only: values are dropped while parsing. */
export type RenderedSet = {
  sources: string[];
  workloads: Record<string, WorkloadShape>;
  configMaps: Record<string, Record<string, string>>;
  secrets: Record<string, string[]>;
};

type Obj = Record<string, unknown>;
const WORKLOAD_KINDS = new Set(['Deployment', 'StatefulSet']);
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined);

export function buildRenderedSet(sources: readonly YamlSource[], issues: InputIssues): RenderedSet {
  const set: RenderedSet = { sources: sources.map((s) => s.file), workloads: {}, configMaps: {}, secrets: {} };
  const hpas: Obj[] = [];
  for (const source of sources) {
    source.docs.forEach((doc, index) => {
      for (const obj of objectsOf(doc)) {
        const kind = str(obj.kind);
        const name = str((obj.metadata as Obj | undefined)?.name);
        if (!kind || !name) {
          if (Object.keys(obj).length > 0) issues.add({ file: source.file, path: `document[${index}]`, message: 'object without kind or metadata.name', expected: 'a Kubernetes object' });
          continue;
        }
        if (WORKLOAD_KINDS.has(kind)) set.workloads[`${kind}/${name}`] = workloadShape(kind, name, obj);
        else if (kind === 'ConfigMap') set.configMaps[name] = configMapData(obj);
        else if (kind === 'HorizontalPodAutoscaler') hpas.push(obj);
      }
      const secretKeys = secretKeysOf(doc);
      if (secretKeys) set.secrets[secretKeys.name] = secretKeys.keys;
    });
  }
  for (const hpa of hpas) attachHpa(set, hpa);
  return set;
}

/** Non-Secret objects as plain data; Secrets never become plain data (see secretKeysOf). */
function objectsOf(doc: Document.Parsed): Obj[] {
  if (doc.get('kind') === 'Secret') return [];
  const js: unknown = doc.toJS();
  if (!isObj(js)) return [];
  if (js.kind === 'List' && Array.isArray(js.items)) return js.items.filter((i): i is Obj => isObj(i) && i.kind !== 'Secret');
  return [js];
}

/** Reads the key names of a Secret straight off the YAML nodes, so its values are never copied out. */
function secretKeysOf(doc: Document.Parsed): { name: string; keys: string[] } | undefined {
  if (doc.get('kind') !== 'Secret') return undefined;
  const name = str(doc.getIn(['metadata', 'name']));
  if (!name) return undefined;
  const keys: string[] = [];
  for (const field of ['data', 'stringData']) {
    const node = doc.get(field, true);
    if (!isMap(node)) continue;
    for (const pair of node.items) keys.push(String(isScalar(pair.key) ? pair.key.value : pair.key));
  }
  return { name, keys: [...new Set(keys)].sort() };
}

function workloadShape(kind: string, name: string, obj: Obj): WorkloadShape {
  const spec = isObj(obj.spec) ? obj.spec : {};
  const podSpec = isObj(spec.template) && isObj(spec.template.spec) ? spec.template.spec : {};
  const containers: Record<string, ContainerShape> = {};
  for (const [prefix, list] of [['', podSpec.containers], ['init:', podSpec.initContainers]] as const) {
    if (!Array.isArray(list)) continue;
    for (const c of list) if (isObj(c)) containers[`${prefix}${str(c.name) ?? '?'}`] = containerShape(c);
  }
  return { kind, name, replicas: typeof spec.replicas === 'number' ? spec.replicas : undefined, containers };
}

function containerShape(c: Obj): ContainerShape {
  const resources = isObj(c.resources) ? c.resources : {};
  const env: Record<string, string> = {};
  for (const e of Array.isArray(c.env) ? c.env : []) {
    if (isObj(e) && str(e.name)) env[str(e.name)!] = envSource(e);
  }
  const envFrom = (Array.isArray(c.envFrom) ? c.envFrom : []).filter(isObj).map((f) => {
    if (isObj(f.secretRef)) return `secretRef:${str(f.secretRef.name)}`;
    if (isObj(f.configMapRef)) return `configMapRef:${str(f.configMapRef.name)}`;
    return 'unknown';
  });
  return { image: str(c.image), requests: stringMap(resources.requests), limits: stringMap(resources.limits), env, envFrom: envFrom.sort() };
}

function envSource(e: Obj): string {
  const from = isObj(e.valueFrom) ? e.valueFrom : undefined;
  if (!from) return 'value';
  for (const [key, ref] of Object.entries(from)) {
    if (!isObj(ref)) continue;
    if (key === 'secretKeyRef' || key === 'configMapKeyRef') return `${key}:${str(ref.name)}/${str(ref.key)}`;
    if (key === 'fieldRef') return `fieldRef:${str(ref.fieldPath)}`;
    if (key === 'resourceFieldRef') return `resourceFieldRef:${str(ref.resource)}`;
    return key;
  }
  return 'valueFrom';
}

function stringMap(v: unknown): Record<string, string> {
  if (!isObj(v)) return {};
  return Object.fromEntries(Object.entries(v).flatMap(([k, x]) => (str(x) === undefined ? [] : [[k, str(x)!]])));
}

function configMapData(obj: Obj): Record<string, string> {
  const binary = Object.entries(stringMap(obj.binaryData)).map(([k, v]) => [k, `<binary sha256:${createHash('sha256').update(v).digest('hex').slice(0, 12)}>`]);
  return { ...stringMap(obj.data), ...Object.fromEntries(binary) };
}

function attachHpa(set: RenderedSet, hpa: Obj): void {
  const spec = isObj(hpa.spec) ? hpa.spec : {};
  const target = isObj(spec.scaleTargetRef) ? spec.scaleTargetRef : {};
  const workload = set.workloads[`${str(target.kind)}/${str(target.name)}`];
  if (!workload) return;
  workload.hpa = {
    name: str((hpa.metadata as Obj | undefined)?.name) ?? '?',
    minReplicas: typeof spec.minReplicas === 'number' ? spec.minReplicas : 1,
    maxReplicas: typeof spec.maxReplicas === 'number' ? spec.maxReplicas : undefined,
  };
}
