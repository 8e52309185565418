import type { CheckStatus } from '../check.ts';
import type { Verdict } from '../verdict.ts';
import type { StageStatus } from '../../reports/report.ts';

/** What the runner tells progress renderers, in order. */
export type RunEvent =
  | { type: 'run-start'; runId: string; runDir: string; stages: { id: string; title: string }[]; at: number }
  | { type: 'environment'; state: 'starting' | 'ready' | 'failed'; message: string; at: number }
  | { type: 'stage-start'; stageId: string; title: string; at: number }
  | { type: 'stage-progress'; stageId: string; message: string; at: number }
  | { type: 'stage-end'; stageId: string; status: StageStatus; counts: Partial<Record<CheckStatus, number>>; durationMs: number; at: number }
  | { type: 'interrupt'; cause: string; at: number }
  | { type: 'cleanup'; state: 'running' | 'clean' | 'leaked'; leftovers: string[]; at: number }
  | { type: 'run-end'; verdict: Verdict; exitCode: number; reportDir: string; at: number };

export type RunEventListener = (event: RunEvent) => void;
