import { describe, expect, it } from 'vitest';
import { check, type CheckStatus } from '../../../core/check.ts';
import { isDecisive, needsReplication, withReplication } from './replication.ts';

const c = (id: string, status: CheckStatus, pValue = 0.004) =>
  check({ id, title: id, status, message: `${id} ${status}`, statistics: { test: id, sampleSize: 1000, pValue, confidence: 0.99 } });

describe('withReplication', () => {
  it('without a replication every first result stands', () => {
    expect(withReplication([c('a', 'fail'), c('b', 'pass')], undefined).map((x) => x.status)).toEqual(['fail', 'pass']);
  });

  it.each([
    ['fail', 'fail'],
    ['inconclusive', 'fail'],
    ['error', 'fail'],
    ['pass', 'warn'],
    ['warn', 'warn'],
  ] as const)('a first failure whose replication is %s ends %s', (second, expected) => {
    const [judged] = withReplication([c('frequency', 'fail')], [c('frequency', second)]);
    expect(judged!.status).toBe(expected);
    expect(judged!.message).toContain('frequency fail');
  });

  it('a first failure with no matching replication check stays failed', () => {
    expect(withReplication([c('frequency', 'fail')], [c('runs', 'pass')])[0]!.status).toBe('fail');
  });

  it('passes are never changed by the replication', () => {
    expect(withReplication([c('a', 'pass')], [c('a', 'fail')])[0]!.status).toBe('pass');
  });

  it('a decisive failure (p ≤ α²) or one without a p-value stands without replication', () => {
    expect(isDecisive(c('replay', 'fail', 1e-32))).toBe(true);
    expect(isDecisive(check({ id: 'x', title: 'x', status: 'fail', message: 'no statistics' }))).toBe(true);
    expect(isDecisive(c('marginal', 'fail', 0.004))).toBe(false);
    expect(withReplication([c('replay', 'fail', 1e-32)], [c('replay', 'pass')])[0]!.status).toBe('fail');
  });

  it('asks for a replication only for marginal failures', () => {
    expect(needsReplication([c('a', 'pass'), c('b', 'fail', 1e-9)])).toBe(false);
    expect(needsReplication([c('a', 'pass'), c('b', 'fail', 0.003)])).toBe(true);
  });
});
