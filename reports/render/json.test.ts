import { describe, expect, it } from 'vitest';
import type { Report } from '../report.ts';
import { sampleReport } from '../testing/sample-report.ts';
import { renderJson } from './json.ts';

function shuffleKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(shuffleKeys);
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, shuffleKeys(v)]));
}

describe('renderJson', () => {
  const json = renderJson(sampleReport());

  it('is 2-space indented with a trailing newline and round-trips', () => {
    expect(json.startsWith('{\n  "schema": "greenlight.report/v1",\n  "runId": ')).toBe(true);
    expect(json.endsWith('}\n')).toBe(true);
    expect(JSON.parse(json)).toEqual(sampleReport());
  });

  it('gives the same bytes whatever order the keys were built in', () => {
    expect(renderJson(shuffleKeys(sampleReport()) as Report)).toBe(json);
  });

  it('orders declared keys as the schema does and free-form keys alphabetically', () => {
    const parsed = JSON.parse(json);
    expect(Object.keys(parsed).slice(0, 4)).toEqual(['schema', 'runId', 'tool', 'profile']);
    expect(Object.keys(parsed.stages[1].checks[0]).slice(0, 4)).toEqual(['id', 'title', 'status', 'blocking']);
    expect(Object.keys(parsed.stages[1].summary)).toEqual(['requests', 'timeline', 'token']);
    expect(Object.keys(parsed.stages[1].summary.timeline[0])).toEqual(['errors', 'p95', 'rps', 't']);
  });
});
