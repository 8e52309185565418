import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Observation } from '../stage.ts';
import { metricSourceFromSummary, type MetricsSummary } from '../metrics/index.ts';
import { readReport } from '../../reports/read.ts';
import type { Report } from '../../reports/report.ts';

/**
 * The most recent finished run of the baseline version: its stage metrics serve baseline-relative thresholds.
 * Interrupted runs and unreadable reports are never used as a baseline.
 */
export function findBaselineReport(runsDir: string, baselineVersion: string): Report | undefined {
  if (!existsSync(runsDir)) return undefined;
  const runIds = readdirSync(runsDir).filter((name) => name !== 'latest').sort().reverse();
  for (const runId of runIds) {
    const file = join(runsDir, runId, 'report.json');
    if (!existsSync(file)) continue;
    try {
      const report = readReport(file);
      if (report.release.candidate.version === baselineVersion && !report.interrupted) return report;
    } catch {
      continue;
    }
  }
  return undefined;
}

/** The baseline run's observation of a stage, rebuilt from its report: the summary, and metrics to judge against. */
export function baselineObservationFor(report: Report | undefined, stageId: string): Observation | undefined {
  const summary = report?.stages.find((s) => s.id === stageId && s.status !== 'interrupted')?.summary;
  if (!summary) return undefined;
  const metrics = summary['metrics'];
  return { summary, ...(metrics ? { metrics: metricSourceFromSummary(metrics as MetricsSummary) } : {}) };
}
