import type { Check } from '../core/check.ts';
import type { Verdict } from '../core/verdict.ts';

export const REPORT_SCHEMA = 'greenlight.report/v1';

/** How a stage ended, as the runner saw it (its checks carry the judgement). */
export type StageStatus = 'passed' | 'failed' | 'inconclusive' | 'error' | 'skipped' | 'interrupted';

export interface StageReport {
  id: string;
  title: string;
  description: string;
  status: StageStatus;
  startedAt?: string;
  durationMs: number;
  checks: Check[];
  /** JSON-safe observation summary (timelines, percentiles, replica counts, …). */
  summary?: Record<string, unknown>;
  /** Set when the stage itself could not run (a harness fault, a timeout): kept apart from failed checks. */
  error?: { kind: 'timeout' | 'interrupted' | 'crash' | 'capability_missing'; message: string };
}

export interface ArtifactEntry {
  /** Relative to the run directory. */
  path: string;
  sha256: string;
  bytes: number;
  stage?: string;
}

export interface ReleaseInfo {
  version: string;
  manifest?: string;
  /** Artifact digests the verdict is bound to. */
  digests?: Record<string, string>;
}

/** The one versioned report type. Reporters see nothing else. */
export interface Report {
  schema: typeof REPORT_SCHEMA;
  runId: string;
  tool: { name: 'greenlight'; version: string };
  profile: string;
  environment: { provider: string; urls?: Record<string, unknown> };
  release: { candidate: ReleaseInfo; baseline?: ReleaseInfo };
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  verdict: Verdict;
  exitCode: number;
  /** Plain-words reasons for the verdict, most important first. */
  reasons: string[];
  interrupted: boolean;
  interruption?: { cause: 'SIGINT' | 'SIGTERM' | 'deadline'; at: string };
  stages: StageReport[];
  cleanup: { status: 'clean' | 'leaked'; leftovers: string[] };
  artifacts: ArtifactEntry[];
  /** Reporters that broke: recorded, never hiding the verdict. */
  reporterErrors?: { reporter: string; message: string }[];
}
