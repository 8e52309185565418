import type { Check } from './check.ts';

export type Verdict = 'GO' | 'NO-GO' | 'INCONCLUSIVE';

export interface VerdictInput {
  checks: readonly Check[];
  /** The run was stopped by a signal or a deadline before it finished. */
  interrupted: boolean;
  /** Harness faults (stage crashes, environment failures) that happened mid-run. */
  harnessFaults: readonly string[];
}

export interface VerdictDecision {
  verdict: Verdict;
  /** Plain-words reasons, most important first. */
  reasons: string[];
}

/**
 * Fail-closed: GO only when the run finished, nothing broke in the harness, and every blocking check
 * passed (warnings allowed). Any blocking failure is NO-GO; anything else is INCONCLUSIVE.
 */
export function decideVerdict(input: VerdictInput): VerdictDecision {
  const blocking = input.checks.filter((c) => c.blocking);
  const failed = blocking.filter((c) => c.status === 'fail');
  if (failed.length > 0) {
    return { verdict: 'NO-GO', reasons: failed.map((c) => `${c.title}: ${c.message}`) };
  }
  const reasons: string[] = [];
  if (input.interrupted) reasons.push('the run was interrupted before it finished');
  reasons.push(...input.harnessFaults);
  for (const c of blocking) {
    if (c.status === 'inconclusive' || c.status === 'error' || c.status === 'skipped') {
      reasons.push(`${c.title}: ${c.status}: ${c.message}`);
    }
  }
  if (blocking.length === 0) reasons.push('no blocking check ran, so nothing proves the release');
  if (reasons.length > 0) return { verdict: 'INCONCLUSIVE', reasons };
  const warned = input.checks.filter((c) => c.status === 'warn' || (!c.blocking && c.status === 'fail'));
  return {
    verdict: 'GO',
    reasons: [`all ${blocking.length} blocking checks passed`, ...warned.map((c) => `${c.title} (${c.status}, not blocking): ${c.message}`)],
  };
}
