import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findReport } from './find-report.ts';
import { reportWith, tempRuns } from './testing.ts';

let runs: ReturnType<typeof tempRuns>;
beforeEach(() => void (runs = tempRuns()));
afterEach(() => runs.dispose());
const at = (minute: number) => new Date(Date.UTC(2026, 10, 27, 7, minute));

describe('findReport: the latest run', () => {
  it('is missing before any run finished', () => {
    expect(findReport(runs.runsDir)).toMatchObject({ kind: 'missing' });
    expect(findReport(join(runs.runsDir, 'nowhere'))).toMatchObject({ kind: 'missing' });
  });

  it('follows the latest symlink the gate writes', async () => {
    await runs.addRun(reportWith({ verdict: 'NO-GO', finishedAt: at(1) }));
    const newest = reportWith({ verdict: 'GO', finishedAt: at(2) });
    await runs.addRun(newest);
    expect(findReport(runs.runsDir)).toMatchObject({ kind: 'found', report: { runId: newest.runId, verdict: 'GO' } });
  });

  it('reads a latest file holding the run id (filesystems without symlinks)', async () => {
    const report = reportWith({ verdict: 'GO', finishedAt: at(1) });
    await runs.addRun(report, { latest: false });
    writeFileSync(join(runs.runsDir, 'latest'), `${report.runId}\n`);
    expect(findReport(runs.runsDir)).toMatchObject({ kind: 'found', report: { runId: report.runId } });
    writeFileSync(join(runs.runsDir, 'latest'), '../../etc\n');
    expect(findReport(runs.runsDir)).toMatchObject({ kind: 'invalid' });
  });

  it.each([
    ['corrupt JSON', '{"schema": "greenlight.report/v1", "verdict": "GO"'],
    ['a newer schema', JSON.stringify({ ...reportWith({ verdict: 'GO', finishedAt: at(1) }), schema: 'greenlight.report/v2' })],
    ['a report missing fields', JSON.stringify({ schema: 'greenlight.report/v1', verdict: 'GO', exitCode: 0 })],
    ['not a report', '"GO"'],
  ])('is invalid for %s', async (_name, text) => {
    await runs.addRawRun('20261127-070100-aaaa', text);
    const lookup = findReport(runs.runsDir);
    expect(lookup).toMatchObject({ kind: 'invalid', file: join(runs.runsDir, 'latest', 'report.json') });
    if (lookup.kind === 'invalid') expect(lookup.message.length).toBeGreaterThan(0);
  });

  it('is missing when latest points at a run without report.json', async () => {
    await runs.addRawRun('20261127-070100-aaaa', undefined);
    expect(findReport(runs.runsDir)).toMatchObject({ kind: 'missing' });
  });
});

describe('findReport: a named release', () => {
  it('takes the newest run of that release, whatever ran after it', async () => {
    await runs.addRun(reportWith({ verdict: 'NO-GO', finishedAt: at(1), release: '1.5.0' }));
    const go = reportWith({ verdict: 'GO', finishedAt: at(2), release: '1.5.0' });
    await runs.addRun(go);
    await runs.addRun(reportWith({ verdict: 'NO-GO', finishedAt: at(3), release: '1.6.0' }));
    expect(findReport(runs.runsDir, '1.5.0')).toMatchObject({ kind: 'found', report: { runId: go.runId, verdict: 'GO' } });
    expect(findReport(runs.runsDir, '1.6.0')).toMatchObject({ kind: 'found', report: { verdict: 'NO-GO' } });
    expect(findReport(runs.runsDir, '1.7.0')).toMatchObject({ kind: 'missing' });
  });

  it('a newer NO-GO of the same release overrides an older GO', async () => {
    await runs.addRun(reportWith({ verdict: 'GO', finishedAt: at(1) }));
    await runs.addRun(reportWith({ verdict: 'NO-GO', finishedAt: at(2) }));
    expect(findReport(runs.runsDir, '1.5.0')).toMatchObject({ kind: 'found', report: { verdict: 'NO-GO' } });
  });

  it('passes over a run still in progress, but stops at an unreadable newer report', async () => {
    await runs.addRun(reportWith({ verdict: 'GO', finishedAt: at(1) }));
    await runs.addRawRun('20261127-070500-bbbb', undefined, { latest: false });
    expect(findReport(runs.runsDir, '1.5.0')).toMatchObject({ kind: 'found', report: { verdict: 'GO' } });
    await runs.addRawRun('20261127-070600-cccc', 'not json', { latest: false });
    expect(findReport(runs.runsDir, '1.5.0')).toMatchObject({ kind: 'invalid', file: join(runs.runsDir, '20261127-070600-cccc', 'report.json') });
  });

  it('is missing when the runs directory does not exist', () => {
    rmSync(runs.runsDir, { recursive: true });
    expect(findReport(runs.runsDir, '1.5.0')).toMatchObject({ kind: 'missing' });
  });
});
