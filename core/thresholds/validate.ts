import type { ConfigIssue } from '../errors.ts';
import type { MetricDescriptor, MetricKey } from '../metrics.ts';
import { formatMetricKey } from '../metrics/index.ts';
import { METHODS_BY_TYPE, methodAllowed } from './methods.ts';
import { parseThreshold } from './parse-expression.ts';
import { parseThresholdKey } from './parse-key.ts';
import { parseDelay } from './spec.ts';
import { ThresholdSyntaxError } from './syntax-error.ts';

const ENTRY_FIELDS = ['threshold', 'abortOnFail', 'delayAbortEval'];

/**
 * Checks a thresholds spec against the metrics a stage emits, before anything runs, and returns every
 * problem at once: shape, key and expression syntax (with columns), unknown metrics and tags, methods the
 * metric type does not support, duplicates, and `delayAbortEval` values that are not durations.
 */
export function validateThresholds(spec: unknown, emits: readonly MetricDescriptor[], pathPrefix: string): ConfigIssue[] {
  if (typeof spec !== 'object' || spec === null || Array.isArray(spec)) {
    return [{ path: pathPrefix || '<root>', message: 'expected an object of metric → list of thresholds', expected: '{ "http_req_duration": ["p(95)<300"] }' }];
  }
  const issues: ConfigIssue[] = [];
  const seen = new Map<string, string>();
  for (const [rawKey, entries] of Object.entries(spec)) {
    const keyPath = `${pathPrefix}[${JSON.stringify(rawKey)}]`;
    const key = checkKey(rawKey, keyPath, emits, issues);
    if (!Array.isArray(entries)) {
      issues.push({ path: keyPath, message: 'expected a list of thresholds, e.g. ["p(95)<300"]' });
      continue;
    }
    entries.forEach((entry: unknown, index) => {
      const entryPath = `${keyPath}[${index}]`;
      const expression = checkEntryShape(entry, entryPath, issues);
      if (expression === undefined) return;
      const expressionPath = typeof entry === 'string' ? entryPath : `${entryPath}.threshold`;
      try {
        const parsed = parseThreshold(expression);
        const descriptor = key && emits.find((candidate) => candidate.name === key.name);
        if (descriptor && !methodAllowed(descriptor.type, parsed.method)) {
          issues.push({
            path: expressionPath,
            message: `"${parsed.method}" is not defined for ${descriptor.type} "${descriptor.name}"; allowed: ${METHODS_BY_TYPE[descriptor.type].join(', ')}`,
          });
        }
        const identity = `${key ? formatMetricKey(key) : rawKey}|${parsed.method}${parsed.operator}${parsed.relative ? 'rel' : ''}${parsed.value}`;
        const first = seen.get(identity);
        if (first) issues.push({ path: expressionPath, message: `duplicate threshold "${expression}" (same as ${first})` });
        else seen.set(identity, entryPath);
      } catch (error) {
        if (!(error instanceof ThresholdSyntaxError)) throw error;
        issues.push({ path: expressionPath, message: `"${expression}": ${error.message}` });
      }
    });
  }
  return issues;
}

function checkKey(rawKey: string, path: string, emits: readonly MetricDescriptor[], issues: ConfigIssue[]): MetricKey | undefined {
  let key: MetricKey;
  try {
    key = parseThresholdKey(rawKey);
  } catch (error) {
    if (!(error instanceof ThresholdSyntaxError)) throw error;
    issues.push({ path, message: `metric key "${rawKey}": ${error.message}` });
    return undefined;
  }
  const descriptor = emits.find((candidate) => candidate.name === key.name);
  if (!descriptor) {
    const known = emits.map((metric) => metric.name).join(', ');
    issues.push({ path, message: `unknown metric "${key.name}"; ${known ? `this stage emits: ${known}` : 'this stage emits no metrics'}` });
    return key;
  }
  const carried = descriptor.tags ?? [];
  for (const tag of Object.keys(key.tags)) {
    if (carried.includes(tag)) continue;
    const which = carried.length > 0 ? `its tags: ${carried.join(', ')}` : 'it carries no tags';
    issues.push({ path, message: `tag "${tag}" is not set on "${key.name}"; ${which}` });
  }
  return key;
}

/** The expression text of a well-formed entry; records what is wrong otherwise. */
function checkEntryShape(entry: unknown, path: string, issues: ConfigIssue[]): string | undefined {
  if (typeof entry === 'string') return entry;
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
    issues.push({ path, message: 'expected a threshold string like "p(95)<300" or { threshold, abortOnFail?, delayAbortEval? }' });
    return undefined;
  }
  const fields = entry as Record<string, unknown>;
  for (const field of Object.keys(fields)) {
    if (!ENTRY_FIELDS.includes(field)) issues.push({ path: `${path}.${field}`, message: `unknown field "${field}"; allowed: ${ENTRY_FIELDS.join(', ')}` });
  }
  if (fields['abortOnFail'] !== undefined && typeof fields['abortOnFail'] !== 'boolean') {
    issues.push({ path: `${path}.abortOnFail`, message: 'expected true or false' });
  }
  const delay = fields['delayAbortEval'];
  if (delay !== undefined && (typeof delay !== 'string' || parseDelay(delay) === undefined)) {
    issues.push({ path: `${path}.delayAbortEval`, message: `expected a duration like "30s", "1m30s" or "500ms", got ${JSON.stringify(delay)}` });
  }
  if (typeof fields['threshold'] !== 'string') {
    issues.push({ path: `${path}.threshold`, message: 'expected a threshold string like "p(95)<300"' });
    return undefined;
  }
  return fields['threshold'];
}
