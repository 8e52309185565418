import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sampleReport } from '../reports/testing/sample-report.ts';
import { rolloutCompare, rolloutRun } from './cli.ts';

const root = mkdtempSync(join(tmpdir(), 'gl-rollout-cli-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { stdout: { write: (s: string) => out.push(s) }, stderr: { write: (s: string) => err.push(s) }, out: () => out.join(''), err: () => err.join('') };
}

function storeRun(id: string, p95: number): void {
  const dir = join(root, '.greenlight', 'runs', id);
  mkdirSync(dir, { recursive: true });
  const report = sampleReport();
  const entry = { name: 'probe_duration', tags: {}, type: 'trend', contains: 'time', samples: 200, values: { med: p95 / 2, 'p(95)': p95, 'p(99)': p95 * 1.2 } };
  report.stages = [{ ...report.stages[0]!, id: 'probe', summary: { metrics: { version: 1, descriptors: [], metrics: { probe_duration: entry } } } }];
  writeFileSync(join(dir, 'report.json'), JSON.stringify(report));
}
storeRun('before', 100);
storeRun('same', 105);
storeRun('slower', 140);

describe('rolloutCompare', () => {
  it.each([
    { name: 'unchanged → GO', after: 'same', code: 0, out: /verdict: GO/ },
    { name: '+40% p95 → NO-GO', after: 'slower', code: 1, out: /FAIL\s+probe:probe_duration:p\(95\).*40\.0%/ },
  ])('$name', async ({ after, code, out }) => {
    const streams = io();
    expect(await rolloutCompare({ before: 'before', after, cwd: root, ...streams })).toBe(code);
    expect(streams.out()).toMatch(out);
  });

  it('prints JSON when asked', async () => {
    const streams = io();
    expect(await rolloutCompare({ before: 'before', after: 'slower', cwd: root, json: true, ...streams })).toBe(1);
    expect(JSON.parse(streams.out())).toMatchObject({ verdict: 'NO-GO', exitCode: 1 });
  });

  it.each([
    { name: 'both runs missing from the arguments', before: undefined, after: undefined, err: /<before>: is required[\s\S]*<after>: is required/ },
    { name: 'a run that does not exist', before: 'before', after: 'nope', err: /runs\/nope.*no report\.json here/ },
  ])('exits 64 on $name', async ({ before, after, err }) => {
    const streams = io();
    expect(await rolloutCompare({ before, after, cwd: root, ...streams })).toBe(64);
    expect(streams.err()).toMatch(err);
  });
});

describe('rolloutRun input', () => {
  it('exits 64 naming every bad option before anything runs', async () => {
    const streams = io();
    expect(await rolloutRun({ drills: ['canary', 'chaos'], defects: ['green-slow-spin'], cwd: root, ...streams })).toBe(64);
    expect(streams.err()).toMatch(/drills\.1/);
    const streams2 = io();
    expect(await rolloutRun({ defects: ['green-slow-spin'], cwd: root, ...streams2 })).toBe(64);
    expect(streams2.err()).toMatch(/--defects\[0\].*"green-slow-spin" is not pool:defect/);
  });
});
