import type { AggregationMethod, MetricKey, Tags } from '../metrics.ts';

/** Tags in a stable order, so `{a:1,b:2}` and `{b:2,a:1}` name the same sub-metric. */
export function canonicalTags(tags: Tags): Array<[string, string]> {
  return Object.entries(tags).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** `name` or `name{key:value,...}` with tags sorted; the identity of a (sub-)metric. */
export function formatMetricKey(key: MetricKey): string {
  const tags = canonicalTags(key.tags);
  if (tags.length === 0) return key.name;
  return `${key.name}{${tags.map(([k, v]) => `${k}:${v}`).join(',')}}`;
}

/** k6 sub-metric semantics: a sample belongs to a key when its tags include every tag of the key. */
export function tagsInclude(sampleTags: Tags, filter: Tags): boolean {
  for (const [key, value] of Object.entries(filter)) {
    if (sampleTags[key] !== value) return false;
  }
  return true;
}

const PERCENTILE = /^p\((\d+(?:\.\d+)?)\)$/;

/** The N of `p(N)` (0..100), or undefined for any other method. */
export function percentileOf(method: string): number | undefined {
  const match = PERCENTILE.exec(method);
  if (!match?.[1]) return undefined;
  const value = Number(match[1]);
  return value >= 0 && value <= 100 ? value : undefined;
}

/** One spelling per method: `p(99.90)` becomes `p(99.9)`. */
export function canonicalMethod(method: AggregationMethod): AggregationMethod {
  const percentile = percentileOf(method);
  return percentile === undefined ? method : `p(${percentile})`;
}

/** A tag set's identity inside the registry: cheap (runs per sample) and unambiguous whatever the values hold. */
export function tagSetId(tags: Tags): string {
  const keys = Object.keys(tags);
  if (keys.length === 0) return '';
  if (keys.length > 1) keys.sort();
  let id = '';
  for (const key of keys) id += `${key}\u0001${tags[key]}\u0000`;
  return id;
}
