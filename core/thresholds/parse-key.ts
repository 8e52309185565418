import type { MetricKey } from '../metrics.ts';
import { ThresholdSyntaxError } from './syntax-error.ts';

const METRIC_NAME = /^[A-Za-z_][A-Za-z0-9_.]*$/;

/**
 * `http_req_duration` or `http_req_duration{flow:deposit,status:200}`. A tag splits on its first colon,
 * so `group_duration{group:::withdraw}` filters `group` = `::withdraw` (k6). Throws ThresholdSyntaxError.
 */
export function parseThresholdKey(input: string): MetricKey {
  const open = input.indexOf('{');
  const close = input.lastIndexOf('}');
  const nameEnd = open === -1 ? (close === -1 ? input.length : close) : open;
  const name = parseName(input, nameEnd);
  if (open === -1 && close === -1) return { name, tags: {} };
  if (open === -1) return fail(input, close, 'unexpected "}" without an opening "{"');
  if (close === -1 || close < open) return fail(input, input.length, 'expected "}" to close the tag filter');
  if (close !== input.length - 1) return fail(input, close + 1, 'unexpected text after "}"');
  return { name, tags: parseTags(input, open + 1, close) };
}

function parseName(input: string, end: number): string {
  const raw = input.slice(0, end);
  const name = raw.trim();
  const start = raw.length - raw.trimStart().length;
  if (name === '') return fail(input, start, 'expected a metric name');
  if (!METRIC_NAME.test(name)) {
    const bad = [...name].findIndex((char, index) => !(index === 0 ? /[A-Za-z_]/ : /[A-Za-z0-9_.]/).test(char));
    return fail(input, start + Math.max(bad, 0), 'a metric name has letters, digits, "_" and "." and starts with a letter or "_"');
  }
  return name;
}

function parseTags(input: string, from: number, to: number): Record<string, string> {
  const tags: Record<string, string> = {};
  if (input.slice(from, to).trim() === '') return fail(input, from, 'expected at least one tag:value inside {}');
  let start = from;
  for (const part of input.slice(from, to).split(',')) {
    const colon = part.indexOf(':');
    if (colon === -1) return fail(input, start + part.length, `expected ":" in tag "${part.trim()}" (tag:value)`);
    const key = part.slice(0, colon).trim();
    const value = part.slice(colon + 1).trim();
    if (key === '') return fail(input, start + colon, 'expected a tag name before ":"');
    if (value === '') return fail(input, start + colon + 1, `expected a value for tag "${key}"`);
    if (Object.hasOwn(tags, key)) return fail(input, start, `tag "${key}" appears twice`);
    tags[key] = value;
    start += part.length + 1;
  }
  return tags;
}

function fail(input: string, column: number, reason: string): never {
  throw new ThresholdSyntaxError(input, column, reason);
}
