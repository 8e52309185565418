import { describe, expect, it } from 'vitest';
import type { CanaryObservation, CanaryStepObservation } from '../canary/drill.ts';
import type { MetricComparison } from '../canary/judge.ts';
import type { BlueGreenObservation, CutoverObservation } from '../blue-green/drill.ts';
import { rolloutConfigSchema } from '../config.ts';
import type { FlagObservation } from '../flags/drill.ts';
import type { MaintenanceObservation } from '../modes/maintenance.ts';
import type { PhaseCounts, ReadOnlyObservation } from '../modes/read-only.ts';
import type { RolloutSummary } from '../rollout-stage.ts';
import { evaluateRollout } from './index.ts';

const traffic = { sent: 500, dropped: 0, failed: 0, byPool: { blue: 250, green: 250 } };
const comparison = (classification: MetricComparison['classification'], metric: 'latency' | 'errors' = 'latency'): MetricComparison => ({
  metric, classification, baselineSamples: 150, candidateSamples: classification === 'insufficient' ? 8 : 120, baseline: {}, candidate: {}, growth: {}, message: `${metric} ${classification}`,
  test: classification === 'insufficient' ? undefined : { u: 1, z: 1, pValue: 0.001, estimate: 3, ci: [1, 5], confidence: 0.99, adjustedPValue: 0.002 },
});
const step = (weight: number, verdict: CanaryStepObservation['verdict']): CanaryStepObservation => ({
  weight, durationMs: 1000, verdict, failures: [], comparisons: [comparison(verdict === 'fail' ? 'high' : verdict === 'inconclusive' ? 'insufficient' : 'pass'), comparison('pass', 'errors')],
});
const canary = (steps: CanaryStepObservation[], rollback?: CanaryObservation['rollback']): CanaryObservation => ({
  baselinePool: 'blue', candidatePool: 'green', steps, stoppedAtWeight: steps.at(-1)?.weight ?? 0, rollback, traffic,
});
const cut = (to: 'blue' | 'green', failed = 0, ms = 20): CutoverObservation => ({ to, ms, failed, requests: 100, servedByOldAfter: 0, failures: failed ? ['spin at +10 ms: 502'] : [] });
const smokeOk = ['register', 'login'].map((s) => ({ step: s as 'login', title: s, status: 'pass' as const, message: 'ok', durationMs: 5 }));
const blueGreen = (switchFailed = 0): BlueGreenObservation => ({ baselinePool: 'blue', candidatePool: 'green', smokeBefore: smokeOk, switch: cut('green', switchFailed), smokeAfter: smokeOk, rollback: cut('blue'), traffic });
const phase = (p: Partial<PhaseCounts>): PhaseCounts => ({ writes: 40, reads: 10, writesOk: 40, readsOk: 10, writesRefusedCleanly: 0, unexpected: 0, examples: [], ...p });
const readOnly = (during: Partial<PhaseCounts>, ledgerAfterOk = true): ReadOnlyObservation => ({
  windowMs: 2000, before: phase({}), during: phase({ writesOk: 0, writesRefusedCleanly: 40, ...during }), after: phase({}),
  ledgerBefore: { ok: true, violations: [] }, ledgerAfter: { ok: ledgerAfterOk, violations: ledgerAfterOk ? [] : ['transaction 7: entries sum to 5, not 0'] }, readOnlyAfter: false, traffic,
});
const flag = (f: Partial<FlagObservation>): FlagObservation => ({
  name: 'turbo-spin', manifestDefault: false, liveBefore: [false], liveOn: [true], liveOff: [false], probe: { off: false, on: true, offAgain: false }, effectMs: 40, restarted: false, ...f,
});
const maintenance = (notices: [string | null, string | null, string | null]): MaintenanceObservation => ({
  bannerCheckedWith: 'browser', restoredWindows: 0,
  notices: (['25 h before', '24 h before', '1 h before'] as const).map((label, i) => ({ label, expected: ([null, '24h', '1h'] as const)[i]!, notice: notices[i] as never, bannerVisible: notices[i] !== null, bannerText: notices[i] ? 'Planned maintenance' : null })),
});

const ok = <T>(observed: T) => ({ ok: true as const, observed });
const goodSummary: RolloutSummary = {
  canary: ok(canary([step(5, 'inconclusive'), step(25, 'pass'), step(50, 'pass'), step(100, 'pass')])),
  blueGreen: ok(blueGreen()),
  flags: ok({ candidatePool: 'green', candidateManifest: '1.5.0.json', baselineManifest: '1.4.0.json', flags: [flag({})] }),
  readOnly: ok(readOnly({})),
  maintenance: ok(maintenance([null, '24h', '1h'])),
};
const config = rolloutConfigSchema.parse({});
const blockingStatuses = (summary: RolloutSummary) => {
  const checks = evaluateRollout(config, { summary });
  return { checks, failing: checks.filter((c) => c.blocking && c.status !== 'pass').map((c) => `${c.id}=${c.status}`) };
};

describe('evaluateRollout', () => {
  it('passes the good release on every blocking check, the light 5% step reported but not blocking', () => {
    const { checks, failing } = blockingStatuses(goodSummary);
    expect(failing).toEqual([]);
    const five = checks.find((c) => c.id === 'rollout.canary.step.5')!;
    expect(five).toMatchObject({ status: 'inconclusive', blocking: false, reason: 'insufficient_samples' });
    expect(checks.find((c) => c.id === 'rollout.canary')!.statistics).toMatchObject({ pValue: 0.001, confidence: 0.99, adjustedPValue: 0.002 });
  });

  it.each<{ name: string; summary: RolloutSummary; expected: string[] }>([
    {
      name: 'canary regresses at 25% and is rolled back',
      summary: { ...goodSummary, canary: ok(canary([step(5, 'inconclusive'), step(25, 'fail')], { ms: 30, candidateServedAfter: 0, weightsAfter: { blue: 100, green: 0, canary: 0 } })) },
      expected: ['rollout.canary=fail'],
    },
    {
      name: 'slow rollback that still leaks traffic',
      summary: { ...goodSummary, canary: ok(canary([step(25, 'fail')], { ms: 9_000, candidateServedAfter: 3, weightsAfter: { blue: 100, green: 0, canary: 0 } })) },
      expected: ['rollout.canary=fail', 'rollout.canary.rollback=fail'],
    },
    { name: 'a decisive step without samples', summary: { ...goodSummary, canary: ok(canary([step(5, 'pass'), step(25, 'inconclusive'), step(50, 'pass'), step(100, 'pass')])) }, expected: ['rollout.canary=inconclusive'] },
    { name: 'canary stopped early (interrupted steps)', summary: { ...goodSummary, canary: ok(canary([step(5, 'pass'), step(25, 'pass')])) }, expected: ['rollout.canary=inconclusive'] },
    { name: 'generator dropped arrivals', summary: { ...goodSummary, canary: ok({ ...canary([step(25, 'pass'), step(50, 'pass'), step(100, 'pass')]), traffic: { ...traffic, dropped: 50 } }) }, expected: ['rollout.canary.traffic=inconclusive'] },
    { name: 'switch drops requests', summary: { ...goodSummary, blueGreen: ok(blueGreen(7)) }, expected: ['rollout.blue-green.switch.failed-requests=fail'] },
    { name: 'read-only accepts writes', summary: { ...goodSummary, readOnly: ok(readOnly({ writesOk: 3, writesRefusedCleanly: 37 })) }, expected: ['rollout.read-only.writes-refused=fail'] },
    { name: 'read-only loses money', summary: { ...goodSummary, readOnly: ok(readOnly({}, false)) }, expected: ['rollout.read-only.ledger=fail'] },
    { name: 'read-only window saw no writes', summary: { ...goodSummary, readOnly: ok(readOnly({ writes: 0, writesRefusedCleanly: 0 })) }, expected: ['rollout.read-only.writes-refused=inconclusive'] },
    { name: 'new flag on by default', summary: { ...goodSummary, flags: ok({ candidatePool: 'green', candidateManifest: 'c', baselineManifest: 'b', flags: [flag({ manifestDefault: true, liveBefore: [true] })] }) }, expected: ['rollout.flags.turbo-spin.default-off=fail'] },
    { name: 'flag needs a restart', summary: { ...goodSummary, flags: ok({ candidatePool: 'green', candidateManifest: 'c', baselineManifest: 'b', flags: [flag({ restarted: true })] }) }, expected: ['rollout.flags.turbo-spin.on-without-restart=fail'] },
    { name: 'no 1 h notice', summary: { ...goodSummary, maintenance: ok(maintenance([null, '24h', '24h'])) }, expected: ['rollout.maintenance.notice.1hbefore=fail'] },
    { name: 'a drill that could not run', summary: { ...goodSummary, readOnly: { ok: false, reason: 'capability_missing', message: 'no read-only-toggle control' } }, expected: ['rollout.read-only=error'] },
    { name: 'a drill with no observation', summary: { ...goodSummary, maintenance: undefined }, expected: ['rollout.maintenance=error'] },
  ])('$name', ({ summary, expected }) => {
    expect(blockingStatuses(summary).failing).toEqual(expected);
  });

  it('judges only the configured drills', () => {
    const checks = evaluateRollout(rolloutConfigSchema.parse({ drills: ['flags'] }), { summary: { flags: goodSummary.flags } });
    expect(new Set(checks.map((c) => c.id.split('.')[1]))).toEqual(new Set(['flags']));
  });
});
