import { describe, expect, it } from 'vitest';
import { check, type Check, type CheckStatus } from './check.ts';
import { EXIT, exitCodeFor } from './exit-codes.ts';
import { decideVerdict, type Verdict } from './verdict.ts';

const c = (status: CheckStatus, blocking = true, id: string = status): Check => check({ id, title: `check ${id}`, status, blocking, message: `it was ${status}` });

describe('decideVerdict', () => {
  const cases: { name: string; checks: Check[]; interrupted?: boolean; faults?: string[]; verdict: Verdict }[] = [
    { name: 'every blocking check passed', checks: [c('pass'), c('pass', true, 'b')], verdict: 'GO' },
    { name: 'only warnings besides passes', checks: [c('pass'), c('warn')], verdict: 'GO' },
    { name: 'a non-blocking failure is listed but allowed', checks: [c('pass'), c('fail', false)], verdict: 'GO' },
    { name: 'a blocking failure', checks: [c('pass'), c('fail')], verdict: 'NO-GO' },
    { name: 'a blocking failure beats an inconclusive', checks: [c('inconclusive'), c('fail')], verdict: 'NO-GO' },
    { name: 'a blocking failure even when interrupted', checks: [c('fail')], interrupted: true, verdict: 'NO-GO' },
    { name: 'a blocking inconclusive', checks: [c('pass'), c('inconclusive')], verdict: 'INCONCLUSIVE' },
    { name: 'a blocking error', checks: [c('pass'), c('error')], verdict: 'INCONCLUSIVE' },
    { name: 'a blocking skipped check proves nothing', checks: [c('pass'), c('skipped')], verdict: 'INCONCLUSIVE' },
    { name: 'no checks at all (no data)', checks: [], verdict: 'INCONCLUSIVE' },
    { name: 'only non-blocking checks', checks: [c('pass', false)], verdict: 'INCONCLUSIVE' },
    { name: 'interrupted with all passes', checks: [c('pass')], interrupted: true, verdict: 'INCONCLUSIVE' },
    { name: 'a harness fault mid-run', checks: [c('pass')], faults: ['environment died'], verdict: 'INCONCLUSIVE' },
    { name: 'a non-blocking inconclusive does not block', checks: [c('pass'), c('inconclusive', false)], verdict: 'GO' },
  ];
  it.each(cases)('$name → $verdict', ({ checks, interrupted, faults, verdict }) => {
    const decision = decideVerdict({ checks, interrupted: interrupted ?? false, harnessFaults: faults ?? [] });
    expect(decision.verdict).toBe(verdict);
    expect(decision.reasons.length).toBeGreaterThan(0);
  });

  it('names the failing checks as reasons', () => {
    const decision = decideVerdict({ checks: [c('fail', true, 'spin-p95')], interrupted: false, harnessFaults: [] });
    expect(decision.reasons).toEqual(['check spin-p95: it was fail']);
  });

  it('lists a non-blocking failure among the reasons of a GO', () => {
    const decision = decideVerdict({ checks: [c('pass'), c('fail', false, 'soft')], interrupted: false, harnessFaults: [] });
    expect(decision.reasons.join('\n')).toContain('check soft (fail, not blocking)');
  });
});

describe('exit codes', () => {
  it.each([
    ['GO', EXIT.GO, 0],
    ['NO-GO', EXIT.NO_GO, 1],
    ['INCONCLUSIVE', EXIT.INCONCLUSIVE, 2],
  ] as const)('%s → %i', (verdict, code, literal) => {
    expect(exitCodeFor(verdict)).toBe(code);
    expect(code).toBe(literal);
  });
  it('usage errors are 64', () => expect(EXIT.USAGE).toBe(64));
});
