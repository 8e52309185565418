import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runGate, type GateOptions, type PlannedStage } from './run-gate.ts';
import { fakeProvider, scriptedStage } from './testing.ts';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function options(stages: PlannedStage[], journal: string[], extra: Partial<GateOptions> = {}): GateOptions {
  const stateDir = mkdtempSync(join(tmpdir(), 'gl-run-'));
  dirs.push(stateDir);
  return {
    stateDir, profile: 'test', release: { candidate: { version: '1.5.0' } },
    environment: fakeProvider(journal), environmentOptions: { candidate: '1.5.0' }, stages,
    timeouts: { runMs: 10_000, stageMs: 5_000, environmentMs: 5_000 }, toolVersion: '0.0.0-test', ...extra,
  };
}
const planned = (...stages: ReturnType<typeof scriptedStage>[]) => stages.map((stage) => ({ stage, config: {} }));

describe('runGate', () => {
  it('runs stages in order and undoes everything in reverse: GO when all pass', async () => {
    const journal: string[] = [];
    const { report } = await runGate(options(planned(scriptedStage('a', journal, { cleanupLabel: 'fault-a' }), scriptedStage('b', journal, { cleanupLabel: 'fault-b' })), journal));
    expect(journal).toEqual(['env up', 'run a', 'run b', 'undo fault-b', 'undo fault-a', 'env down']);
    expect(report.verdict).toBe('GO');
    expect(report.exitCode).toBe(0);
    expect(report.cleanup.status).toBe('clean');
    expect(report.stages.map((s) => [s.id, s.status])).toEqual([['environment', 'passed'], ['a', 'passed'], ['b', 'passed']]);
  });

  it('a blocking failure is NO-GO and cleanup still runs', async () => {
    const journal: string[] = [];
    const { report } = await runGate(options(planned(scriptedStage('a', journal, { status: 'fail', cleanupLabel: 'x' }), scriptedStage('b', journal)), journal));
    expect(report.verdict).toBe('NO-GO');
    expect(report.exitCode).toBe(1);
    expect(journal).toContain('undo x');
    expect(report.reasons[0]).toContain('a works');
  });

  it('a crashing stage is an error, never a pass: INCONCLUSIVE', async () => {
    const journal: string[] = [];
    const { report } = await runGate(options(planned(scriptedStage('boom', journal, { throws: 'kaput', cleanupLabel: 'y' }), scriptedStage('after', journal)), journal));
    const boom = report.stages.find((s) => s.id === 'boom')!;
    expect(boom.status).toBe('error');
    expect(boom.error?.message).toContain('kaput');
    expect(report.verdict).toBe('INCONCLUSIVE');
    expect(journal).toEqual(['env up', 'run boom', 'run after', 'undo y', 'env down']);
  });

  it('a stage past its deadline is inconclusive with a timeout reason', async () => {
    const journal: string[] = [];
    const opts = options(planned(scriptedStage('slow', journal, { hangs: true })), journal);
    opts.timeouts.stageMs = 100;
    const { report } = await runGate(opts);
    const slow = report.stages.find((s) => s.id === 'slow')!;
    expect(slow.status).toBe('inconclusive');
    expect(slow.checks[0]).toMatchObject({ status: 'inconclusive', reason: 'timeout' });
    expect(slow.checks[0]!.message).toBe('stage slow not finished after 100 ms');
    expect(report.verdict).toBe('INCONCLUSIVE');
  });

  it('SIGINT mid-stage: later stages do not run, teardowns run, the report is marked interrupted', async () => {
    const journal: string[] = [];
    const signals = new EventEmitter();
    const opts = options(planned(scriptedStage('long', journal, { hangs: true, cleanupLabel: 'fault' }), scriptedStage('never', journal)), journal, {
      signals: signals as never,
      onEvent: (e) => e.type === 'stage-progress' && setTimeout(() => signals.emit('SIGINT'), 20),
    });
    const { report } = await runGate(opts);
    expect(report.interrupted).toBe(true);
    expect(report.interruption?.cause).toBe('SIGINT');
    expect(report.verdict).toBe('INCONCLUSIVE');
    expect(report.exitCode).toBe(2);
    expect(journal).toEqual(['env up', 'run long', 'undo fault', 'env down']);
    expect(report.stages.find((s) => s.id === 'long')?.status).toBe('interrupted');
    expect(signals.listenerCount('SIGINT')).toBe(0);
  });

  it('an environment that cannot start: no stage runs, INCONCLUSIVE', async () => {
    const journal: string[] = [];
    const opts = options(planned(scriptedStage('a', journal)), journal, { environment: fakeProvider(journal, { fails: 'port in use' }) });
    const { report } = await runGate(opts);
    expect(journal).toEqual(['env up']);
    expect(report.verdict).toBe('INCONCLUSIVE');
    expect(report.reasons.join(' ')).toContain('port in use');
  });

  it('no stages: nothing proves the release, INCONCLUSIVE', async () => {
    const journal: string[] = [];
    const { report } = await runGate(options([], journal));
    expect(report.verdict).toBe('INCONCLUSIVE');
  });
});
