import type { ContainerShape, RenderedSet, WorkloadShape } from './rendered-set.ts';
import { sameQuantity } from './quantity.ts';

/** One difference between staging and production, located by object and path. Values are never secret values. */
export type Drift = {
  kind: string;
  name: string;
  path: string;
  staging: string | null;
  production: string | null;
};

const CONTAINERS = 'spec.template.spec.containers';

export function compareRenderedSets(staging: RenderedSet, production: RenderedSet): Drift[] {
  const drifts: Drift[] = [];
  for (const key of union(Object.keys(staging.workloads), Object.keys(production.workloads))) {
    const s = staging.workloads[key];
    const p = production.workloads[key];
    const [kind = '?', name = '?'] = key.split('/');
    if (!s || !p) drifts.push({ kind, name, path: '.', staging: s ? 'present' : null, production: p ? 'present' : null });
    else drifts.push(...compareWorkloads(s, p));
  }
  for (const name of union(Object.keys(staging.configMaps), Object.keys(production.configMaps))) {
    drifts.push(...compareMaps('ConfigMap', name, 'data', staging.configMaps[name], production.configMaps[name]));
  }
  for (const name of union(Object.keys(staging.secrets), Object.keys(production.secrets))) {
    const s = staging.secrets[name];
    const p = production.secrets[name];
    if (!s || !p) drifts.push({ kind: 'Secret', name, path: '.', staging: s ? 'present' : null, production: p ? 'present' : null });
    else for (const k of union(s, p)) if (s.includes(k) !== p.includes(k)) drifts.push({ kind: 'Secret', name, path: `data[${k}]`, staging: s.includes(k) ? 'key present' : null, production: p.includes(k) ? 'key present' : null });
  }
  return drifts;
}

function compareWorkloads(s: WorkloadShape, p: WorkloadShape): Drift[] {
  const at = (path: string, a: unknown, b: unknown): Drift => ({ kind: s.kind, name: s.name, path, staging: show(a), production: show(b) });
  const drifts: Drift[] = [];
  if (s.replicas !== p.replicas) drifts.push(at('spec.replicas', s.replicas, p.replicas));
  if (!s.hpa !== !p.hpa) drifts.push(at('hpa', s.hpa?.name, p.hpa?.name));
  if (s.hpa && p.hpa) {
    if (s.hpa.minReplicas !== p.hpa.minReplicas) drifts.push(at('hpa.spec.minReplicas', s.hpa.minReplicas, p.hpa.minReplicas));
    if (s.hpa.maxReplicas !== p.hpa.maxReplicas) drifts.push(at('hpa.spec.maxReplicas', s.hpa.maxReplicas, p.hpa.maxReplicas));
  }
  for (const c of union(Object.keys(s.containers), Object.keys(p.containers))) {
    const a = s.containers[c];
    const b = p.containers[c];
    const base = `${CONTAINERS}[${c}]`;
    if (!a || !b) drifts.push(at(base, a ? 'present' : undefined, b ? 'present' : undefined));
    else drifts.push(...compareContainers(base, a, b).map((d) => ({ ...d, kind: s.kind, name: s.name })));
  }
  return drifts;
}

function compareContainers(base: string, a: ContainerShape, b: ContainerShape): Drift[] {
  const drifts: Drift[] = [];
  const add = (path: string, x: unknown, y: unknown) => drifts.push({ kind: '', name: '', path: `${base}.${path}`, staging: show(x), production: show(y) });
  if (a.image !== b.image) add('image', a.image, b.image);
  for (const side of ['requests', 'limits'] as const) {
    for (const r of union(Object.keys(a[side]), Object.keys(b[side]))) {
      const x = a[side][r];
      const y = b[side][r];
      if (x === undefined || y === undefined || !sameQuantity(x, y)) add(`resources.${side}.${r}`, x, y);
    }
  }
  for (const e of union(Object.keys(a.env), Object.keys(b.env))) if (a.env[e] !== b.env[e]) add(`env[${e}]`, a.env[e], b.env[e]);
  for (const f of union(a.envFrom, b.envFrom)) if (a.envFrom.includes(f) !== b.envFrom.includes(f)) add(`envFrom[${f}]`, a.envFrom.includes(f) ? 'present' : undefined, b.envFrom.includes(f) ? 'present' : undefined);
  return drifts;
}

function compareMaps(kind: string, name: string, field: string, s: Record<string, string> | undefined, p: Record<string, string> | undefined): Drift[] {
  if (!s || !p) return [{ kind, name, path: '.', staging: s ? 'present' : null, production: p ? 'present' : null }];
  return union(Object.keys(s), Object.keys(p))
    .filter((k) => s[k] !== p[k])
    .map((k) => ({ kind, name, path: `${field}[${k}]`, staging: show(s[k]), production: show(p[k]) }));
}

function union(a: readonly string[], b: readonly string[]): string[] {
  return [...new Set([...a, ...b])].sort();
}

function show(v: unknown): string | null {
  return v === undefined || v === null ? null : String(v);
}
