import { describe, expect, it } from 'vitest';
import { evaluatePayments, invariantsCheck, scenarioCheck } from './evaluate.ts';
import type { InvariantsObservation } from './observation.ts';
import type { ScenarioObservation } from './scenario.ts';

const scenario = (over: Partial<ScenarioObservation>): ScenarioObservation => ({ id: 'deposit-success', expectations: [], notes: {}, durationMs: 5, ...over });
const held = { label: 'wallet', expected: { balance: 100, held: 0 }, observed: { balance: 100, held: 0 } };
const broken = { label: 'wallet', expected: { balance: 100, held: 0 }, observed: { balance: 200, held: 0 } };

describe('scenarioCheck', () => {
  it.each([
    ['every expectation holds', 'pass', undefined, scenario({ expectations: [held] })],
    ['an expectation differs', 'fail', 'threshold_breached', scenario({ expectations: [held, broken] })],
    ['a difference outranks a later problem', 'fail', 'threshold_breached', scenario({ expectations: [broken], problem: { reason: 'timeout', message: 'slow' } })],
    ['timed out before any difference', 'inconclusive', 'timeout', scenario({ expectations: [held], problem: { reason: 'timeout', message: 'slow' } })],
    ['the platform could not be reached', 'inconclusive', 'provider_error', scenario({ problem: { reason: 'provider_error', message: 'fetch failed' } })],
    ['the secret is missing', 'inconclusive', 'capability_missing', scenario({ problem: { reason: 'capability_missing', message: 'no secret' } })],
    ['a bug in the harness', 'error', 'harness_error', scenario({ problem: { reason: 'harness_error', message: 'x is undefined' } })],
    ['nothing was compared', 'inconclusive', 'no_data', scenario({})],
  ] as const)('%s → %s', (_name, status, reason, observation) => {
    const result = scenarioCheck(observation);
    expect(result.status).toBe(status);
    expect(result.reason).toBe(reason);
    expect(result.blocking).toBe(true);
  });

  it('says what differed in plain words', () => {
    expect(scenarioCheck(scenario({ expectations: [broken] })).message).toBe('wallet: expected {"balance":100,"held":0}, observed {"balance":200,"held":0}');
  });
});

describe('invariantsCheck', () => {
  const counts = { transactions: 12, deposits: 4 };
  const cases: [string, string, boolean, InvariantsObservation | undefined][] = [
    ['no violation', 'pass', true, { status: 'checked', ok: true, violations: [], counts }],
    ['a deposit credited twice', 'fail', true, { status: 'checked', ok: false, violations: ['deposit:1: credited 2 times, expected once'], counts }],
    ['the database unreachable', 'inconclusive', true, { status: 'error', message: 'connection refused' }],
    ['no database URL', 'skipped', false, { status: 'unavailable', message: 'no database URL' }],
    ['not read at all', 'skipped', false, undefined],
  ];
  it.each(cases)('%s → %s', (_name, status, blocking, invariants) => {
    expect(invariantsCheck(invariants)).toMatchObject({ status, blocking });
  });
});

describe('evaluatePayments', () => {
  it('is one inconclusive check when nothing could run', () => {
    expect(evaluatePayments({ summary: { scenarios: [], problem: { reason: 'capability_missing', message: 'no psp' } } })).toMatchObject([
      { id: 'payments', status: 'inconclusive', reason: 'capability_missing', blocking: true },
    ]);
  });

  it('makes a missing reconciliation inconclusive', () => {
    const checks = evaluatePayments({ summary: { scenarios: [scenario({ expectations: [held] })] } });
    expect(checks.map((c) => [c.id, c.status])).toEqual([
      ['payments.deposit-success', 'pass'],
      ['payments.reconciliation', 'inconclusive'],
      ['payments.ledger-invariants', 'skipped'],
    ]);
  });
});
