import { scenarioSchema, type Scenario, type ScenarioInput } from '../model/scenario.ts';
import { flashSpins } from './flash-spins.ts';
import { massRegistrations } from './mass-registrations.ts';
import { steadyMix } from './steady-mix.ts';

export const SHIPPED_SCENARIO_INPUTS = {
  'flash-spins': flashSpins,
  'mass-registrations': massRegistrations,
  'steady-mix': steadyMix,
} as const satisfies Record<string, ScenarioInput>;

export type ShippedScenarioName = keyof typeof SHIPPED_SCENARIO_INPUTS;

/** The shipped scenarios, parsed (defaults filled in). */
export const SHIPPED_SCENARIOS: Record<ShippedScenarioName, () => Scenario> = {
  'flash-spins': () => scenarioSchema.parse(flashSpins),
  'mass-registrations': () => scenarioSchema.parse(massRegistrations),
  'steady-mix': () => scenarioSchema.parse(steadyMix),
};
