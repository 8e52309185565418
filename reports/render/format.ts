import type { Check, CheckStatus, Statistics } from '../../core/check.ts';
import type { Report, StageReport } from '../report.ts';

/** Plain-words formatting shared by the human-facing renderers (Markdown, HTML). */

const integerFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const largeFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });
const smallFormat = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 4 });

export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Number.isInteger(value)) return integerFormat.format(value);
  return Math.abs(value) >= 100 ? largeFormat.format(value) : smallFormat.format(value);
}

/** What was measured, with its unit; null says plainly that nothing could be measured. */
export function formatObserved(check: Pick<Check, 'observed' | 'unit'>): string {
  const { observed, unit } = check;
  if (observed === undefined) return '—';
  if (observed === null) return 'no data';
  if (typeof observed === 'number') {
    const number = formatNumber(observed);
    if (!unit) return number;
    return unit === '%' ? `${number}%` : `${number} ${unit}`;
  }
  return String(observed);
}

export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '—';
  if (ms < 1_000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1_000).toFixed(1)} s`;
  const totalSeconds = Math.round(ms / 1_000);
  const hours = Math.floor(totalSeconds / 3_600);
  const minutes = Math.floor((totalSeconds % 3_600) / 60);
  const seconds = totalSeconds % 60;
  return hours > 0 ? `${hours} h ${minutes} min` : `${minutes} min ${seconds} s`;
}

export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return unit === 0 ? `${bytes} B` : `${value.toFixed(1)} ${units[unit]}`;
}

export function formatPValue(p: number): string {
  if (p < 0.0001) return '< 0.0001';
  return p.toPrecision(3).replace(/\.?0+$/, '');
}

/** `chi-square, n = 1,000,000, p = 0.431 (holm-adjusted 0.862), 99% confidence`. */
export function formatStatistics(s: Statistics): string {
  const adjusted = s.adjustedPValue === undefined ? '' : ` (${s.correction ? `${s.correction}-adjusted` : 'adjusted'} ${formatPValue(s.adjustedPValue)})`;
  const confidence = `${formatNumber(Math.round(s.confidence * 10_000) / 100)}% confidence`;
  return `${s.test}, n = ${formatNumber(s.sampleSize)}, p = ${formatPValue(s.pValue)}${adjusted}, ${confidence}`;
}

/** `release 1.5.0 (baseline 1.4.0)` */
export function releaseLine(report: Report): string {
  const baseline = report.release.baseline ? `baseline ${report.release.baseline.version}` : 'no baseline';
  return `release ${report.release.candidate.version} (${baseline})`;
}

export const STATUS_LABEL: Record<CheckStatus, string> = {
  pass: 'PASS',
  warn: 'WARN',
  fail: 'FAIL',
  inconclusive: 'INCONCLUSIVE',
  error: 'ERROR',
  skipped: 'SKIPPED',
};

const DECIDING_ORDER: Partial<Record<CheckStatus, number>> = { fail: 0, error: 1, inconclusive: 2, skipped: 3 };

export interface StageCheck {
  stage: StageReport;
  check: Check;
}

/** Blocking checks that did not pass: the ones that made the verdict anything but GO, worst first. */
export function decidingChecks(report: Report): StageCheck[] {
  const found = report.stages.flatMap((stage) => stage.checks.filter((check) => check.blocking && DECIDING_ORDER[check.status] !== undefined).map((check) => ({ stage, check })));
  return found.sort((a, b) => (DECIDING_ORDER[a.check.status] ?? 9) - (DECIDING_ORDER[b.check.status] ?? 9));
}

/** Warnings and non-blocking failures: reported, never deciding. */
export function attentionChecks(report: Report): StageCheck[] {
  return report.stages.flatMap((stage) =>
    stage.checks.filter((check) => check.status === 'warn' || (!check.blocking && check.status !== 'pass' && check.status !== 'skipped')).map((check) => ({ stage, check })),
  );
}

/** `3 checks: 1 fail, 2 pass` */
export function checkCounts(checks: readonly Check[]): string {
  if (checks.length === 0) return 'no checks';
  const counts = new Map<CheckStatus, number>();
  for (const check of checks) counts.set(check.status, (counts.get(check.status) ?? 0) + 1);
  const order: CheckStatus[] = ['fail', 'error', 'inconclusive', 'warn', 'skipped', 'pass'];
  const parts = order.filter((s) => counts.has(s)).map((s) => `${counts.get(s)} ${s}`);
  return `${checks.length} check${checks.length === 1 ? '' : 's'}: ${parts.join(', ')}`;
}

const STAGE_ERROR_WORDS: Record<NonNullable<StageReport['error']>['kind'], string> = {
  timeout: 'timed out',
  interrupted: 'was interrupted',
  crash: 'crashed',
  capability_missing: 'could not run (a capability is missing)',
};

/** `timed out: stage timed out after 60000 ms`, or undefined when the stage ran to its end. */
export function stageErrorLine(stage: StageReport): string | undefined {
  if (!stage.error) return undefined;
  return `${STAGE_ERROR_WORDS[stage.error.kind] ?? stage.error.kind}: ${stage.error.message}`;
}
