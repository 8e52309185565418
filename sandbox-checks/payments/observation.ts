import type { Observation } from '../../core/stage.ts';
import type { ScenarioObservation } from './scenario.ts';

export type InvariantsObservation =
  | { status: 'checked'; ok: boolean; violations: string[]; counts: Record<string, number> }
  | { status: 'unavailable'; message: string }
  | { status: 'error'; message: string };

/** What the payments stage saw. JSON-safe; never holds the webhook secret, the psp API key or passwords. */
export interface PaymentsObservation extends Observation {
  summary: {
    /** Why nothing ran (no environment, no psp access). */
    problem?: { reason: 'no_data' | 'capability_missing'; message: string };
    scenarios: ScenarioObservation[];
    reconciliation?: ScenarioObservation;
    invariants?: InvariantsObservation;
  };
}
