import type { Report } from '../reports/report.ts';

export interface ReportSummary {
  runId: string;
  verdict: Report['verdict'];
  exitCode: number;
  release: { candidate: string; baseline?: string };
  profile: string;
  environment: string;
  startedAt: string;
  finishedAt: string;
  ageSeconds: number;
  interrupted: boolean;
  reasons: string[];
  cleanup: Report['cleanup']['status'];
  stages: { id: string; status: string; checks: number; failed: number }[];
}

/** The part of a report a human or a pipeline needs to see at a glance (the full report stays on disk). */
export function summarizeReport(report: Report, now: Date): ReportSummary {
  return {
    runId: report.runId,
    verdict: report.verdict,
    exitCode: report.exitCode,
    release: { candidate: report.release.candidate.version, ...(report.release.baseline ? { baseline: report.release.baseline.version } : {}) },
    profile: report.profile,
    environment: report.environment.provider,
    startedAt: report.startedAt,
    finishedAt: report.finishedAt,
    ageSeconds: Math.round((now.getTime() - Date.parse(report.finishedAt)) / 1000),
    interrupted: report.interrupted,
    reasons: report.reasons,
    cleanup: report.cleanup.status,
    stages: report.stages.map((stage) => ({
      id: stage.id,
      status: stage.status,
      checks: stage.checks.length,
      failed: stage.checks.filter((check) => check.status === 'fail').length,
    })),
  };
}
