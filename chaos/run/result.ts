import type { ProbeResult } from '../probes/run-probe.ts';
import type { BackgroundLoadSummary } from './background-load.ts';

/** A steady-state check: met only when every probe measured and held its tolerance. */
export interface SteadyState {
  met: boolean;
  probes: ProbeResult[];
}

export interface FaultRecord {
  description: string;
  id?: string;
  injectedAtMs: number;
  removedAtMs?: number;
  error?: string;
}

export interface RollbackRecord {
  description: string;
  ok: boolean;
  error?: string;
}

interface Common {
  experiment: string;
  title: string;
  startedAt: string;
  durationMs: number;
  before: SteadyState;
}

/**
 * How an experiment ended. `completed` ran its method (and may have `deviated`); `not-injected` found the steady
 * state broken before any fault (inconclusive); `aborted` could not run (a fault or the harness failed);
 * `interrupted` was stopped from outside. Only `completed` without deviation passes.
 */
export type ExperimentResult =
  | (Common & {
      status: 'completed';
      deviated: boolean;
      faults: FaultRecord[];
      during: ProbeResult[];
      after: SteadyState;
      load?: BackgroundLoadSummary;
      rollbacks: RollbackRecord[];
      money: ProbeResult;
    })
  | (Common & { status: 'not-injected' })
  | (Common & { status: 'aborted'; phase: 'before' | 'method' | 'after'; error: string; faults: FaultRecord[]; rollbacks: RollbackRecord[]; money?: ProbeResult })
  | (Common & { status: 'interrupted'; faults: FaultRecord[]; rollbacks: RollbackRecord[]; money?: ProbeResult });

export type ExperimentStatus = ExperimentResult['status'];

export function steadyStateMet(probes: readonly ProbeResult[]): boolean {
  return probes.length > 0 && probes.every((p) => p.outcome === 'measured' && p.toleranceMet);
}
