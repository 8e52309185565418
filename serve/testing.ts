import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newRunId } from '../core/run-id.ts';
import { updateLatestPointer, writeRunReports } from '../reports/index.ts';
import type { Report } from '../reports/report.ts';
import { sampleReport } from '../reports/testing/sample-report.ts';

/** A report as the gate writes it, with the verdict and finish time a test needs. */
export function reportWith(patch: { verdict: Report['verdict']; finishedAt: Date; release?: string; interrupted?: boolean }): Report {
  const base = sampleReport();
  const exitCode = { GO: 0, 'NO-GO': 1, INCONCLUSIVE: 2 }[patch.verdict];
  return {
    ...base,
    runId: newRunId(patch.finishedAt),
    verdict: patch.verdict,
    exitCode,
    reasons: patch.verdict === 'GO' ? [] : base.reasons,
    interrupted: patch.interrupted ?? false,
    finishedAt: patch.finishedAt.toISOString(),
    startedAt: new Date(patch.finishedAt.getTime() - base.durationMs).toISOString(),
    release: { ...base.release, candidate: { ...base.release.candidate, version: patch.release ?? '1.5.0' } },
  };
}

/** A throwaway `runs` directory filled through the real report writer and latest pointer. */
export function tempRuns(): {
  runsDir: string;
  addRun(report: Report, options?: { latest?: boolean }): Promise<string>;
  addRawRun(runId: string, reportJson: string | undefined, options?: { latest?: boolean }): Promise<string>;
  dispose(): void;
} {
  const root = mkdtempSync(join(tmpdir(), 'gl-serve-'));
  const runsDir = join(root, 'runs');
  mkdirSync(runsDir);
  return {
    runsDir,
    async addRun(report, options = {}) {
      const runDir = join(runsDir, report.runId);
      await writeRunReports({ runDir, report });
      if (options.latest !== false) await updateLatestPointer(runsDir, report.runId);
      return runDir;
    },
    async addRawRun(runId, reportJson, options = {}) {
      const runDir = join(runsDir, runId);
      mkdirSync(runDir, { recursive: true });
      if (reportJson !== undefined) writeFileSync(join(runDir, 'report.json'), reportJson);
      if (options.latest !== false) await updateLatestPointer(runsDir, runId);
      return runDir;
    },
    dispose: () => rmSync(root, { recursive: true, force: true }),
  };
}
