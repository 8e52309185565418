import { describe, expect, it } from 'vitest';
import type { CheckStatus } from '../core/check.ts';
import { evaluateExperiment } from './evaluate.ts';
import type { ProbeResult } from './probes/run-probe.ts';
import type { ExperimentResult } from './run/result.ts';

const ok = (name: string): ProbeResult => ({ name, kind: 'spin-p95', outcome: 'measured', value: 90, unit: 'ms', toleranceMet: true, tolerance: 'p(95)<800', samples: 10, detail: 'p95 of 10 spins 90 ms' });
const slow = (name: string): ProbeResult => ({ ...ok(name), value: 1_900, toleranceMet: false, detail: 'p95 of 10 spins 1900 ms' } as ProbeResult);
const broken = (name: string): ProbeResult => ({ name, kind: 'spin-p95', outcome: 'error', error: 'only 2 of 10 spins answered 200' });
const money = (violations: number): ProbeResult => ({ name: 'money-invariants', kind: 'ledger-invariants', outcome: 'measured', value: violations, unit: 'violations', toleranceMet: violations === 0, tolerance: 'violations == 0', samples: 80, detail: violations ? 'deposit:7: credited 2 times, expected once' : 'balanced' });

const base = { experiment: 'rng-outage', title: 'RNG outage', startedAt: '2026-11-27T05:00:00Z', durationMs: 9_000, before: { met: true, probes: [ok('spin-p95')] } };
const completed = (over: Partial<Extract<ExperimentResult, { status: 'completed' }>> = {}): ExperimentResult => ({
  ...base,
  status: 'completed',
  deviated: false,
  faults: [{ description: 'rng outage for 5000 ms', injectedAtMs: 1, removedAtMs: 5_001 }],
  during: [ok('spins-refused-cleanly')],
  after: { met: true, probes: [ok('spin-p95')] },
  rollbacks: [{ description: 'removed: rng outage', ok: true }],
  money: money(0),
  load: { outcome: 'ran', requests: 50, iterations: 20, failedRate: 0.2, dropped: 0, p95Ms: 2_100, durationMs: 6_500 },
  ...over,
});

function statuses(result: ExperimentResult, maxLoadErrorRate?: number): Record<string, CheckStatus> {
  return Object.fromEntries(evaluateExperiment(result, { maxLoadErrorRate }).map((c) => [c.id.replace('chaos.rng-outage.', ''), c.status]));
}

describe('evaluateExperiment', () => {
  it.each<[string, ExperimentResult, Record<string, CheckStatus>, number | undefined]>([
    ['a completed run without deviation passes (load failures only warn without a budget)', completed(), { 'steady-state-before': 'pass', 'during.spins-refused-cleanly': 'pass', 'steady-state-after.spin-p95': 'pass', rollbacks: 'pass', money: 'pass', 'background-load': 'warn' }, undefined],
    ['background load without failures passes', completed({ load: { outcome: 'ran', requests: 50, iterations: 20, failedRate: 0, dropped: 0, p95Ms: 90, durationMs: 6_500 } }), { 'background-load': 'pass' }, undefined],
    ['deviation after the method fails', completed({ deviated: true, after: { met: false, probes: [slow('spin-p95')] } }), { 'steady-state-after.spin-p95': 'fail' }, undefined],
    ['a probe that could not measure is an error, not a pass', completed({ after: { met: false, probes: [broken('spin-p95')] } }), { 'steady-state-after.spin-p95': 'error' }, undefined],
    ['a during probe out of tolerance fails', completed({ during: [slow('spins-refused-cleanly')] }), { 'during.spins-refused-cleanly': 'fail' }, undefined],
    ['money that does not reconcile fails', completed({ money: money(1) }), { money: 'fail' }, undefined],
    ['a failed rollback is an error', completed({ rollbacks: [{ description: 'removed: x', ok: false, error: 'answered 500' }] }), { rollbacks: 'error' }, undefined],
    ['a broken steady state before injection is inconclusive', { ...base, before: { met: false, probes: [slow('spin-p95')] }, status: 'not-injected' }, { 'steady-state-before': 'inconclusive' }, undefined],
    ['an experiment that could not run is an error', { ...base, status: 'aborted', phase: 'method', error: 'could not inject', faults: [{ description: 'x', injectedAtMs: 0, error: 'refused' }], rollbacks: [], money: money(0) }, { run: 'error', rollbacks: 'pass', money: 'pass' }, undefined],
    ['an interrupted experiment is inconclusive', { ...base, status: 'interrupted', faults: [], rollbacks: [] }, { run: 'inconclusive', rollbacks: 'pass' }, undefined],
    ['background load over its error budget fails when a budget is set', completed(), { 'background-load': 'fail' }, 0.1],
    ['background load within its budget passes', completed(), { 'background-load': 'pass' }, 0.5],
    ['background load that could not run is an error when judged', completed({ load: { outcome: 'error', error: 'boom' } }), { 'background-load': 'error' }, 0.5],
  ])('%s', (_case, result, expected, maxLoadErrorRate) => {
    expect(statuses(result, maxLoadErrorRate)).toMatchObject(expected);
  });

  it('never passes anything but a completed, undeviated run', () => {
    const notInjected = evaluateExperiment({ ...base, before: { met: false, probes: [broken('spin-p95')] }, status: 'not-injected' });
    expect(notInjected.every((c) => c.status !== 'pass' && c.blocking)).toBe(true);
    expect(notInjected[0]!.message).toMatch(/nothing injected: spin-p95: only 2 of 10/);
  });

  it('keeps background load informational (non-blocking) unless a budget is set', () => {
    const load = evaluateExperiment(completed()).find((c) => c.id.endsWith('background-load'))!;
    expect(load).toMatchObject({ blocking: false, observed: 0.2, samples: 50 });
    expect(evaluateExperiment(completed(), { maxLoadErrorRate: 0.5 }).find((c) => c.id.endsWith('background-load'))!.blocking).toBe(true);
  });
});
