import { isDeepStrictEqual } from 'node:util';
import { check, type Check } from '../../core/check.ts';
import type { PaymentScenarioId } from './config.ts';
import type { InvariantsObservation, PaymentsObservation } from './observation.ts';
import type { Expectation, ScenarioObservation } from './scenario.ts';

export const SCENARIO_TITLES: Record<PaymentScenarioId | 'reconciliation', string> = {
  'deposit-success': 'A deposit with a good card is credited exactly once',
  'deposit-declined': 'A declined card moves no money',
  'insufficient-funds': 'Insufficient funds are refused (card and withdrawal)',
  'three-d-secure': '3-D Secure: credited only after an approved challenge',
  'idempotent-retry': 'A timed-out deposit retried with the same idempotency key is applied once',
  'webhook-replay': 'Duplicate and out-of-order webhooks are applied once',
  'webhook-signatures': 'Forged and stale webhook signatures are rejected',
  'withdrawal-paid': 'A withdrawal is paid out and settled',
  'withdrawal-reversed': 'A withdrawal failed after being paid is reversed',
  'withdrawal-idempotent-retry': 'A withdrawal retried with the same idempotency key is paid out once',
  'deposit-reliability': 'Every deposit of a burst with a good card succeeds (no 5xx)',
  reconciliation: "Wallets reconcile with the payment provider's records",
};

const show = (value: unknown) => JSON.stringify(value) ?? 'nothing';
const describeMismatch = (e: Expectation) => `${e.label}: expected ${show(e.expected)}, observed ${show(e.observed)}`;

/** Pure: a scenario's check. A differing expectation fails it; otherwise a problem or no data makes it inconclusive. */
export function scenarioCheck(observation: ScenarioObservation): Check {
  const id = `payments.${observation.id}`;
  const title = SCENARIO_TITLES[observation.id];
  const total = observation.expectations.length;
  const mismatches = observation.expectations.filter((e) => !isDeepStrictEqual(e.expected, e.observed));
  const base = { id, title, samples: total, durationMs: observation.durationMs, threshold: 'every expectation holds' };
  const { problem } = observation;
  if (mismatches.length > 0) {
    const then = problem ? `; then: ${problem.message}` : '';
    return check({ ...base, status: 'fail', observed: `${mismatches.length} of ${total} expectations differ`, reason: 'threshold_breached', message: `${mismatches.map(describeMismatch).join('; ')}${then}` });
  }
  if (problem) {
    const status = problem.reason === 'harness_error' ? 'error' : 'inconclusive';
    return check({ ...base, status, observed: null, reason: problem.reason, message: `could not finish: ${problem.message}` });
  }
  if (total === 0) return check({ ...base, status: 'inconclusive', observed: null, reason: 'no_data', message: 'the scenario compared nothing' });
  return check({ ...base, status: 'pass', observed: `${total} of ${total} expectations held`, message: `all ${total} expectations held, up to: ${observation.expectations[total - 1]!.label}` });
}

/** Pure: the platform's ledger invariants; not available without a database URL (reported, not blocking). */
export function invariantsCheck(invariants: InvariantsObservation | undefined): Check {
  const base = { id: 'payments.ledger-invariants', title: 'The platform ledger balances (double entry, credited once, holds match)' };
  if (!invariants || invariants.status === 'unavailable') {
    const message = invariants?.message ?? 'the ledger invariants were not read';
    return check({ ...base, status: 'skipped', blocking: false, observed: null, reason: 'capability_missing', message });
  }
  if (invariants.status === 'error') return check({ ...base, status: 'inconclusive', observed: null, reason: 'provider_error', message: `could not read the ledger: ${invariants.message}` });
  const n = invariants.violations.length;
  const samples = invariants.counts.transactions;
  if (n === 0) return check({ ...base, status: 'pass', observed: 0, unit: 'violations', threshold: 'count<1', samples, message: `${samples ?? 0} transactions, ${invariants.counts.deposits ?? 0} deposits: every invariant holds` });
  return check({ ...base, status: 'fail', observed: n, unit: 'violations', threshold: 'count<1', samples, reason: 'threshold_breached', message: invariants.violations.slice(0, 10).join('; ') + (n > 10 ? `; and ${n - 10} more` : '') });
}

/** Pure: every check of the payments stage. No scenario run is never a pass. */
export function evaluatePayments(observation: PaymentsObservation): Check[] {
  const { problem, scenarios, reconciliation, invariants } = observation.summary;
  if (problem) return [check({ id: 'payments', title: 'Payment sandbox checks', status: 'inconclusive', observed: null, reason: problem.reason, message: problem.message })];
  const checks = scenarios.map(scenarioCheck);
  checks.push(reconciliation ? scenarioCheck(reconciliation) : check({ id: 'payments.reconciliation', title: SCENARIO_TITLES.reconciliation, status: 'inconclusive', observed: null, reason: 'no_data', message: 'reconciliation did not run' }));
  checks.push(invariantsCheck(invariants));
  return checks;
}
