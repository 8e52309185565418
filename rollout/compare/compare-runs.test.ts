import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../core/errors.ts';
import type { MetricSummaryEntry } from '../../core/metrics/index.ts';
import { sampleReport } from '../../reports/testing/sample-report.ts';
import { compareRuns } from './compare-runs.ts';

const root = mkdtempSync(join(tmpdir(), 'gl-compare-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const trend = (target: string, p95: number, samples = 100): MetricSummaryEntry => ({
  name: 'probe_duration', tags: { target }, type: 'trend', contains: 'time', samples, values: { med: p95 / 3, 'p(95)': p95, 'p(99)': p95 * 1.5 },
});
const failed = (target: string, rate: number, samples = 100): MetricSummaryEntry => ({ name: 'probe_failed', tags: { target }, type: 'rate', contains: 'default', samples, values: { rate } });

let n = 0;
function storeRun(entries: MetricSummaryEntry[]): string {
  const dir = join(root, `run-${n++}`);
  mkdirSync(dir);
  const report = sampleReport();
  const metrics = Object.fromEntries(entries.map((e) => [`${e.name}{target:${e.tags.target}}`, e]));
  report.stages = [{ ...report.stages[0]!, id: 'probe', summary: { metrics: { version: 1, descriptors: [], metrics } } }];
  writeFileSync(join(dir, 'report.json'), JSON.stringify(report));
  return dir;
}

const statuses = (dirA: string, dirB: string, target?: string) => Object.fromEntries(compareRuns(dirA, dirB, { target }).map((c) => [c.id, c.status]));

describe('compareRuns', () => {
  it.each([
    { name: 'unchanged', before: [trend('api', 100), failed('api', 0.01)], after: [trend('api', 100), failed('api', 0.01)], fail: 0, inconclusive: 0 },
    { name: '+30% latency', before: [trend('api', 100)], after: [trend('api', 130)], fail: 3, inconclusive: 0 },
    { name: '+15% latency is within +20%', before: [trend('api', 100)], after: [trend('api', 115)], fail: 0, inconclusive: 0 },
    { name: 'failure rate 1% → 2%', before: [failed('api', 0.01)], after: [failed('api', 0.02)], fail: 1, inconclusive: 0 },
    { name: 'failure rate 0 → 0.05% is under the floor', before: [failed('api', 0)], after: [failed('api', 0.0005)], fail: 0, inconclusive: 0 },
    { name: 'metric missing afterwards', before: [trend('api', 100)], after: [], fail: 0, inconclusive: 1 },
    { name: 'too few samples', before: [trend('api', 100, 5)], after: [trend('api', 300, 5)], fail: 0, inconclusive: 1 },
  ])('$name', ({ before, after, fail, inconclusive }) => {
    const checks = compareRuns(storeRun(before), storeRun(after));
    expect(checks.filter((c) => c.status === 'fail')).toHaveLength(fail);
    expect(checks.filter((c) => c.status === 'inconclusive')).toHaveLength(inconclusive);
    expect(checks.length).toBeGreaterThan(0);
  });

  it('compares one target only when asked', () => {
    const before = storeRun([trend('api', 100), trend('rng', 10)]);
    const after = storeRun([trend('api', 100), trend('rng', 50)]);
    expect(Object.values(statuses(before, after, 'api'))).toEqual(['pass', 'pass', 'pass']);
    expect(statuses(before, after, 'rng')['probe:probe_duration{target:rng}:p(95)']).toBe('fail');
  });

  it('is inconclusive, not a pass, when there is nothing to compare', () => {
    const dir = storeRun([]);
    expect(compareRuns(dir, dir).map((c) => c.status)).toEqual(['inconclusive']);
  });

  it('names the missing run directory', () => {
    expect(() => compareRuns(join(root, 'nope'), join(root, 'nope'))).toThrow(ConfigError);
    expect(() => compareRuns(join(root, 'nope'), join(root, 'nope'))).toThrow(/nope.*no report\.json/);
  });
});
