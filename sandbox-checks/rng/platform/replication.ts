import type { Check } from '../../../core/check.ts';

/**
 * A failure is decisive when its p-value is at or below α² (a stream replayed, a lattice, a gross bias): no second
 * sample could explain it away. A check without a stated p-value is decisive too (fail-closed).
 */
export function isDecisive(c: Check): boolean {
  const p = c.statistics?.adjustedPValue ?? c.statistics?.pValue;
  const alpha = 1 - (c.statistics?.confidence ?? 0.99);
  return p === undefined || p <= alpha * alpha;
}

/** Whether a second, independent sample should be taken before calling these results. */
export function needsReplication(checks: readonly Check[]): boolean {
  return checks.some((c) => c.status === 'fail' && !isDecisive(c));
}

/**
 * A marginal failure stands only when an independent, freshly sampled replication fails the same check too. A good RNG
 * trips a test at level α about α of the time; requiring the replication to fail as well brings that to α², while a
 * real defect (bias, lattice structure, replayed streams) fails both samples with near certainty. Without a
 * replication result the first failure stands: fail-closed.
 */
export function withReplication(first: readonly Check[], replication: readonly Check[] | undefined): Check[] {
  if (!replication) return [...first];
  const again = new Map(replication.map((c) => [c.id, c]));
  return first.map((c) => {
    if (c.status !== 'fail' || isDecisive(c)) return c;
    const second = again.get(c.id);
    if (!second || second.status === 'fail' || second.status === 'error' || second.status === 'inconclusive') {
      return { ...c, message: `${c.message}; ${second ? `the independent replication sample ${second.status === 'fail' ? 'failed too' : `was ${second.status}`}: ${second.message}` : 'no replication result'}` };
    }
    return {
      ...c,
      status: 'warn',
      reason: undefined,
      message: `failed on the first sample (${c.message}) but passed on an independent replication sample (${second.message}); a false alarm is the likely cause — a failure must replicate, which holds a good RNG's false-alarm rate to α²`,
    };
  });
}
