import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { check, type Check } from '../../core/check.ts';
import { ConfigError } from '../../core/errors.ts';
import type { MetricsSummary, MetricSummaryEntry } from '../../core/metrics/index.ts';
import { readReport } from '../../reports/read.ts';
import type { Report } from '../../reports/report.ts';

export interface CompareOptions {
  /** Seed policy: latency (trend p(95), p(99), med) may grow at most this much. */
  latencyGrowth?: number;
  /** Seed policy: failure rates may grow at most this much (relative). */
  errorRateGrowth?: number;
  /** Absolute growth of a failure rate below this is noise, never a regression. */
  errorRateFloor?: number;
  /** Only metrics tagged with this target (`{target:<name>}`), e.g. one endpoint of a probe. */
  target?: string;
  /** Fewer samples than this on either side makes a comparison inconclusive. */
  minSamples?: number;
}

const LATENCY_METHODS = ['med', 'p(95)', 'p(99)'] as const;

/** A run directory (holding report.json) or a report file. */
export function reportFileOf(runDirOrFile: string): string {
  const file = existsSync(runDirOrFile) && statSync(runDirOrFile).isDirectory() ? join(runDirOrFile, 'report.json') : runDirOrFile;
  if (!existsSync(file)) throw new ConfigError('run_not_found', [{ file, path: '(file)', message: 'no report.json here', expected: 'a run directory under .greenlight/runs or a report.json' }]);
  return file;
}

function metricsOf(report: Report): Map<string, MetricSummaryEntry> {
  const all = new Map<string, MetricSummaryEntry>();
  for (const stage of report.stages) {
    const summary = stage.summary?.['metrics'] as MetricsSummary | undefined;
    if (!summary?.metrics) continue;
    for (const [key, entry] of Object.entries(summary.metrics)) all.set(`${stage.id}:${key}`, entry);
  }
  return all;
}

const isFailureRate = (e: MetricSummaryEntry) => e.type === 'rate' && /fail|error/i.test(e.name);
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

function compareEntry(id: string, before: MetricSummaryEntry, after: MetricSummaryEntry, o: Required<Omit<CompareOptions, 'target'>>): Check[] {
  const samples = Math.min(before.samples, after.samples);
  if (samples < o.minSamples) {
    return [check({ id, title: `${id} before vs after`, status: 'inconclusive', reason: 'insufficient_samples', observed: null, samples, message: `${before.samples} samples before, ${after.samples} after; ${o.minSamples} needed on each side` })];
  }
  if (before.type === 'trend') {
    return LATENCY_METHODS.flatMap((method) => {
      const b = before.values[method];
      const a = after.values[method];
      if (b === undefined || a === undefined) return [];
      const growth = b === 0 ? (a === 0 ? 0 : Number.POSITIVE_INFINITY) : a / b - 1;
      const ok = growth <= o.latencyGrowth;
      return [check({
        id: `${id}:${method}`, title: `${id} ${method} before vs after`, status: ok ? 'pass' : 'fail', reason: ok ? undefined : 'regression',
        observed: a, unit: before.contains === 'time' ? 'ms' : undefined, threshold: `${method} <= +${o.latencyGrowth * 100}%`, samples,
        message: `${method} ${a.toFixed(2)} after vs ${b.toFixed(2)} before (${Number.isFinite(growth) ? pct(growth) : 'from zero'})`,
      })];
    });
  }
  if (isFailureRate(before)) {
    const b = before.values.rate;
    const a = after.values.rate;
    if (b === undefined || a === undefined) return [];
    const growth = b === 0 ? (a === 0 ? 0 : Number.POSITIVE_INFINITY) : a / b - 1;
    const ok = a - b < o.errorRateFloor || growth <= o.errorRateGrowth;
    return [check({
      id: `${id}:rate`, title: `${id} rate before vs after`, status: ok ? 'pass' : 'fail', reason: ok ? undefined : 'regression',
      observed: a, unit: 'ratio', threshold: `rate <= +${o.errorRateGrowth * 100}%`, samples,
      message: `rate ${pct(a)} after vs ${pct(b)} before (${Number.isFinite(growth) ? pct(growth) : 'from zero'})`,
    })];
  }
  return [];
}

/**
 * Post-deploy comparison of two stored runs: every latency trend (median, p95, p99) and failure rate both runs
 * recorded, judged by the seed policy (+20% latency, +10% failure rate). Metrics only one run has are inconclusive.
 */
export function compareRuns(runDirBefore: string, runDirAfter: string, options: CompareOptions = {}): Check[] {
  const o = { latencyGrowth: options.latencyGrowth ?? 0.2, errorRateGrowth: options.errorRateGrowth ?? 0.1, errorRateFloor: options.errorRateFloor ?? 0.001, minSamples: options.minSamples ?? 20 };
  const before = metricsOf(readReport(reportFileOf(runDirBefore)));
  const after = metricsOf(readReport(reportFileOf(runDirAfter)));
  const wanted = (entry: MetricSummaryEntry) => options.target === undefined || entry.tags.target === options.target;
  const checks: Check[] = [];
  for (const [id, entry] of before) {
    if (!wanted(entry) || (entry.type !== 'trend' && !isFailureRate(entry))) continue;
    const other = after.get(id);
    if (!other) {
      checks.push(check({ id, title: `${id} before vs after`, status: 'inconclusive', reason: 'no_data', observed: null, message: `the later run has no ${id}` }));
      continue;
    }
    checks.push(...compareEntry(id, entry, other, o));
  }
  if (checks.length === 0) {
    checks.push(check({ id: 'compare', title: 'runs compared', status: 'inconclusive', reason: 'no_data', observed: null, message: `no latency or failure-rate metric${options.target ? ` for target ${options.target}` : ''} in the earlier run` }));
  }
  return checks;
}
