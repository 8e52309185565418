import { check, noDataCheck } from '../../core/check.ts';
import type { Check } from '../../core/check.ts';
import { redactText } from '../../core/redact.ts';
import type { DriftAllowEntry } from '../config.ts';
import { listSome } from '../scans/evaluate-scans.ts';
import type { Drift } from './compare.ts';

export type DriftObservation = {
  staging: { sources: string[]; objects: number };
  production: { sources: string[]; objects: number };
  drifts: Drift[];
};

/** `*` matches within one path segment, `**` across segments; everything else is literal. */
export function pathPattern(glob: string): RegExp {
  const body = glob
    .split('**')
    .map((part) => part.split('*').map((lit) => lit.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('[^.]*'))
    .join('.*');
  return new RegExp(`^${body}$`);
}

export function allowedBy(entry: DriftAllowEntry, drift: Drift): boolean {
  if (entry.kind !== undefined && entry.kind !== drift.kind) return false;
  if (entry.name !== undefined && entry.name !== drift.name) return false;
  return pathPattern(entry.path).test(drift.path);
}

export function describeDrift(d: Drift): string {
  return redactText(`${d.kind}/${d.name} ${d.path}: staging ${d.staging ?? '(absent)'}, production ${d.production ?? '(absent)'}`);
}

export function evaluateDrift(allow: readonly DriftAllowEntry[], obs: DriftObservation): Check {
  const id = 'drift.staging-production';
  const title = 'Staging matches production';
  if (obs.staging.objects === 0 || obs.production.objects === 0) {
    const empty = obs.staging.objects === 0 ? obs.staging.sources : obs.production.sources;
    return noDataCheck(id, title, `no Deployment, StatefulSet, ConfigMap or Secret found in ${empty.join(', ')}: nothing to compare`);
  }
  const unexpected = obs.drifts.filter((d) => !allow.some((a) => allowedBy(a, d)));
  const expected = obs.drifts.length - unexpected.length;
  const unused = allow.filter((a) => !obs.drifts.some((d) => allowedBy(a, d)));
  const note = [
    expected > 0 ? `${expected} allow-listed drift(s) ignored` : '',
    unused.length > 0 ? `allow-list entries matching nothing: ${unused.map((a) => `${a.kind ?? '*'}/${a.name ?? '*'} ${a.path}`).join(', ')}` : '',
  ].filter(Boolean);
  return check({
    id,
    title,
    status: unexpected.length > 0 ? 'fail' : 'pass',
    observed: unexpected.length,
    unit: 'drifts',
    threshold: 'no drift outside the allow-list',
    samples: obs.staging.objects + obs.production.objects,
    reason: unexpected.length > 0 ? 'threshold_breached' : undefined,
    message:
      (unexpected.length > 0
        ? `${unexpected.length} unexpected drift(s): ${listSome(unexpected.map(describeDrift), 12)}`
        : `staging and production agree on images, replicas, HPA bounds, resources, env and secret keys and config maps`) +
      (note.length > 0 ? ` (${note.join('; ')})` : ''),
  });
}
