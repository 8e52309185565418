import { errorMessage } from '../core/errors.ts';
import type { RunContext } from '../core/run-context.ts';
import { defineStage, type Observation, type PlanStep } from '../core/stage.ts';
import { runBlueGreenDrill, type BlueGreenObservation } from './blue-green/drill.ts';
import { runCanaryDrill, type CanaryObservation } from './canary/drill.ts';
import { rolloutConfigSchema, type DrillName, type RolloutConfig } from './config.ts';
import { DrillError } from './drill-support.ts';
import { evaluateRollout } from './evaluate/index.ts';
import type { DrillOutcome } from './evaluate/outcome.ts';
import { runFlagsDrill, type FlagsObservation } from './flags/drill.ts';
import { runMaintenanceDrill, type MaintenanceObservation } from './modes/maintenance.ts';
import { runReadOnlyDrill, type ReadOnlyObservation } from './modes/read-only.ts';

export type RolloutSummary = {
  canary?: DrillOutcome<CanaryObservation>;
  blueGreen?: DrillOutcome<BlueGreenObservation>;
  flags?: DrillOutcome<FlagsObservation>;
  readOnly?: DrillOutcome<ReadOnlyObservation>;
  maintenance?: DrillOutcome<MaintenanceObservation>;
};

export interface RolloutObservation extends Observation {
  summary: RolloutSummary;
}

async function attempt<T>(ctx: RunContext, body: () => Promise<T>): Promise<DrillOutcome<T>> {
  try {
    return { ok: true, observed: await body() };
  } catch (error) {
    if (ctx.signal.aborted) throw error;
    if (error instanceof DrillError) return { ok: false, reason: error.reason, message: error.message };
    return { ok: false, reason: 'provider_error', message: errorMessage(error) };
  }
}

function planFor(config: RolloutConfig, drill: DrillName): PlanStep {
  const pools = `${config.baselinePool} (baseline) → ${config.candidatePool} (candidate)`;
  switch (drill) {
    case 'canary':
      return { title: 'canary analysis', detail: `${pools}: ${config.canary.steps.map((s) => `${s.weight}% for ${s.durationMs} ms`).join(', ')} at ${config.traffic.ratePerSecond} req/s, the first ${config.canary.settleMs} ms after each change not judged; Mann-Whitney at ${config.canary.confidence}, ≥ ${config.canary.minSamples} samples a side; latency > +${config.canary.latencyGrowth * 100}% or 5xx > +${config.canary.errorRateGrowth * 100}% rolls back` };
    case 'blue-green':
      return { title: 'blue-green switch and rollback', detail: `${pools}: ${config.blueGreen.smoke ? 'smoke, ' : ''}instant switch under load, ${config.blueGreen.smoke ? 'post-deploy smoke, ' : ''}timed rollback; no failed request allowed` };
    case 'flags':
      return { title: 'new feature flags', detail: 'flags in the candidate manifest but not the baseline: off by default, on without restart, off restores' };
    case 'read-only':
      return { title: 'read-only drill', detail: `${config.readOnly.windowMs} ms read-only under load: writes 503 + Retry-After, reads served, ledger invariants, recovery` };
    case 'maintenance':
      return { title: 'maintenance notices', detail: 'window scheduled 25 h, 24 h and 1 h ahead: the notice API and the UI banner' };
  }
}

/** Rehearses the deploy strategies on the staging replica: canary, blue-green, flags, read-only and maintenance. */
export const rolloutStage = defineStage<RolloutConfig, RolloutObservation>({
  id: 'rollout',
  title: 'Rollout drills',
  configSchema: rolloutConfigSchema,
  needs: ['http', 'routing-weights', 'side-by-side-releases', 'feature-flags', 'read-only-toggle'],
  describe: (config) => `rollout drills (${config.drills.join(', ')}) with ${config.candidatePool} as candidate beside ${config.baselinePool}`,
  plan: (config) => config.drills.map((drill) => planFor(config, drill)),
  async run(ctx, config) {
    const pools = { baseline: config.baselinePool, candidate: config.candidatePool };
    const summary: RolloutSummary = {};
    const wanted = new Set(config.drills);
    // The canary first: its latency comparison is the most sensitive to what earlier drills leave behind.
    if (wanted.has('canary')) summary.canary = await attempt(ctx, () => runCanaryDrill(ctx, pools, config.canary, config.traffic));
    if (wanted.has('blue-green')) summary.blueGreen = await attempt(ctx, () => runBlueGreenDrill(ctx, pools, config.blueGreen, config.traffic));
    if (wanted.has('flags')) summary.flags = await attempt(ctx, () => runFlagsDrill(ctx, pools.candidate));
    if (wanted.has('read-only')) summary.readOnly = await attempt(ctx, () => runReadOnlyDrill(ctx, config.readOnly.windowMs, config.traffic));
    if (wanted.has('maintenance')) summary.maintenance = await attempt(ctx, () => runMaintenanceDrill(ctx, config.maintenance.message));
    return { summary };
  },
  evaluate: (config, observations) => evaluateRollout(config, observations),
});
