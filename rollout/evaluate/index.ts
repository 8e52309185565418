import type { Check } from '../../core/check.ts';
import type { RolloutConfig } from '../config.ts';
import type { RolloutObservation } from '../rollout-stage.ts';
import { blueGreenChecks } from './blue-green.ts';
import { canaryChecks } from './canary.ts';
import { flagChecks, maintenanceChecks, readOnlyChecks } from './modes.ts';
import { drillErrorCheck, type DrillOutcome } from './outcome.ts';

function judge<T>(id: string, title: string, outcome: DrillOutcome<T> | undefined, checks: (observed: T) => Check[]): Check[] {
  if (!outcome) return [drillErrorCheck(id, title, { reason: 'no_data', message: 'no observation was recorded for this drill' })];
  return outcome.ok ? checks(outcome.observed) : [drillErrorCheck(id, title, outcome)];
}

/** Pure: the checks of every configured drill; a configured drill without an observation is never a pass. */
export function evaluateRollout(config: RolloutConfig, observations: RolloutObservation): Check[] {
  const s = observations.summary;
  const checks: Check[] = [];
  for (const drill of config.drills) {
    if (drill === 'canary') checks.push(...judge('rollout.canary', 'canary analysis', s.canary, (o) => canaryChecks(config.canary, o)));
    if (drill === 'blue-green') checks.push(...judge('rollout.blue-green', 'blue-green switch and rollback', s.blueGreen, (o) => blueGreenChecks(config.blueGreen, o)));
    if (drill === 'flags') checks.push(...judge('rollout.flags', 'new feature flags', s.flags, flagChecks));
    if (drill === 'read-only') checks.push(...judge('rollout.read-only', 'read-only drill', s.readOnly, readOnlyChecks));
    if (drill === 'maintenance') checks.push(...judge('rollout.maintenance', 'maintenance notices', s.maintenance, maintenanceChecks));
  }
  return checks;
}
