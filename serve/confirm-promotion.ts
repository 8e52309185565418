import type { Report } from '../reports/report.ts';

/** What looking for a report found. Anything but `found` can only ever block a promotion. */
export type ReportLookup =
  | { kind: 'found'; report: Report; file: string }
  | { kind: 'missing'; message: string }
  | { kind: 'invalid'; message: string; file: string };

export type DecisionReason =
  | 'go'
  | 'report_missing'
  | 'report_invalid'
  | 'release_mismatch'
  | 'verdict_not_go'
  | 'report_inconsistent'
  | 'report_from_future'
  | 'report_stale';

export interface PromotionDecision {
  promote: boolean;
  /** 200 promotes; Flagger treats anything else as "not yet". */
  status: 200 | 403;
  reason: DecisionReason;
  message: string;
  runId?: string;
  release?: string;
  verdict?: string;
  finishedAt?: string;
  ageSeconds?: number;
}

export interface DecisionInput {
  lookup: ReportLookup;
  now: Date;
  /** A GO older than this is not GO any more: the release or its environment may have changed since. */
  maxAgeMs: number;
  /** The release the caller asks about; when set, the report must be for this candidate. */
  release?: string;
  /** How far in the future finishedAt may be before the clock is distrusted. */
  maxClockSkewMs?: number;
}

export const DEFAULT_MAX_CLOCK_SKEW_MS = 60_000;

/**
 * The confirm-promotion rule, a pure function: promote only on a fresh, self-consistent GO report for the
 * asked release. Every other case — no report, a report that cannot be read, another verdict, a stale or
 * future-dated report — is 403 with the reason.
 */
export function decidePromotion(input: DecisionInput): PromotionDecision {
  const { lookup } = input;
  if (lookup.kind === 'missing') return block('report_missing', lookup.message);
  if (lookup.kind === 'invalid') return block('report_invalid', `${lookup.file}: ${lookup.message}`);

  const { report } = lookup;
  const about = {
    runId: report.runId,
    release: report.release.candidate.version,
    verdict: report.verdict,
    finishedAt: report.finishedAt,
  };
  if (input.release !== undefined && report.release.candidate.version !== input.release) {
    return block('release_mismatch', `run ${report.runId} is for release ${report.release.candidate.version}, not ${input.release}`, about);
  }
  if (report.verdict !== 'GO') {
    const why = report.reasons.slice(0, 3).join('; ');
    return block('verdict_not_go', `run ${report.runId} says ${report.verdict}${why ? `: ${why}` : ''}`, about);
  }
  if (report.exitCode !== 0 || report.interrupted) {
    return block('report_inconsistent', `run ${report.runId} says GO but has exit code ${report.exitCode}${report.interrupted ? ' and was interrupted' : ''}`, about);
  }
  const finished = Date.parse(report.finishedAt);
  if (!Number.isFinite(finished)) return block('report_invalid', `run ${report.runId} has no valid finishedAt (${JSON.stringify(report.finishedAt)})`, about);
  const ageMs = input.now.getTime() - finished;
  const withAge = { ...about, ageSeconds: Math.round(ageMs / 1000) };
  if (ageMs < -(input.maxClockSkewMs ?? DEFAULT_MAX_CLOCK_SKEW_MS)) {
    return block('report_from_future', `run ${report.runId} finished at ${report.finishedAt}, ${Math.round(-ageMs / 1000)} s in the future: check the clocks`, withAge);
  }
  if (ageMs > input.maxAgeMs) {
    return block('report_stale', `run ${report.runId} finished ${Math.round(ageMs / 1000)} s ago, older than the ${Math.round(input.maxAgeMs / 1000)} s allowed: run the gate again`, withAge);
  }
  return { promote: true, status: 200, reason: 'go', message: `run ${report.runId} says GO for release ${about.release}, ${withAge.ageSeconds} s ago`, ...withAge };
}

function block(reason: Exclude<DecisionReason, 'go'>, message: string, about: Partial<PromotionDecision> = {}): PromotionDecision {
  return { promote: false, status: 403, reason, message, ...about };
}
