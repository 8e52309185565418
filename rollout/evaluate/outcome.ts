import { check, type Check, type ReasonCode } from '../../core/check.ts';

/** A drill either observed something or could not run; the second is never a pass. */
export type DrillOutcome<T> = { ok: true; observed: T } | { ok: false; reason: ReasonCode; message: string };

export function drillErrorCheck(id: string, title: string, outcome: { reason: ReasonCode; message: string }): Check {
  return check({ id, title, status: 'error', observed: null, reason: outcome.reason, message: `the drill could not run: ${outcome.message}` });
}

export type Status = Check['status'];

export function statusOf(ok: boolean, measurable = true): Status {
  return !measurable ? 'inconclusive' : ok ? 'pass' : 'fail';
}
