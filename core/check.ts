/** The closed set of statuses a check can end in. */
export const CHECK_STATUSES = ['pass', 'warn', 'fail', 'inconclusive', 'error', 'skipped'] as const;
export type CheckStatus = (typeof CHECK_STATUSES)[number];

/** Why a check is not a plain pass: lets pipelines tell "the release is bad" from "we could not tell". */
export type ReasonCode =
  | 'threshold_breached'
  | 'regression'
  | 'no_data'
  | 'insufficient_samples'
  | 'baseline_missing'
  | 'provider_error'
  | 'timeout'
  | 'interrupted'
  | 'capability_missing'
  | 'generator_unhealthy'
  | 'harness_error';

/** Statistical evidence a statistical check must state. */
export interface Statistics {
  test: string;
  sampleSize: number;
  pValue: number;
  /** Confidence level, e.g. 0.99. */
  confidence: number;
  /** p-value after multiple-testing correction, when one was applied. */
  adjustedPValue?: number;
  correction?: string;
}

/** One judged criterion. Stages observe; checks are produced by pure evaluate functions. */
export interface Check {
  /** Stable id within its stage, e.g. `http_req_duration{flow:spin}:p(95)<300`. */
  id: string;
  title: string;
  status: CheckStatus;
  /** A blocking check decides the verdict; a non-blocking one is only reported. */
  blocking: boolean;
  /** What was measured (number in `unit`), or null when nothing could be measured. */
  observed?: number | string | boolean | null;
  unit?: string;
  /** The criterion as written, e.g. `p(95)<300` or `p(95) <= +20%`. */
  threshold?: string;
  /** Plain words for a release manager. */
  message: string;
  reason?: ReasonCode;
  samples?: number;
  statistics?: Statistics;
  /** Paths relative to the run directory (screenshots, traces, histograms). */
  evidence: string[];
  durationMs?: number;
}

export type CheckInit = Omit<Check, 'evidence' | 'blocking'> & { evidence?: string[]; blocking?: boolean };

/** Builds a check with the defaults every stage uses: blocking, no evidence. */
export function check(init: CheckInit): Check {
  return { blocking: true, evidence: [], ...init };
}

/** The fail-closed answer when a stage has nothing to judge. */
export function noDataCheck(id: string, title: string, message: string, blocking = true): Check {
  return check({ id, title, status: 'inconclusive', blocking, observed: null, message, reason: 'no_data' });
}
