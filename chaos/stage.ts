import type { z } from 'zod';
import { noDataCheck } from '../core/check.ts';
import { defineStage, type Observation } from '../core/stage.ts';
import { chaosConfigSchema, resolveExperiments, type ChaosConfig } from './config.ts';
import { evaluateExperiment } from './evaluate.ts';
import { injectorFor } from './chaos-mesh/select.ts';
import type { FaultInjector } from './local/injector.ts';
import { describeFault } from './model/fault.ts';
import type { RunContext } from '../core/run-context.ts';
import { runExperiment } from './run/run-experiment.ts';
import type { ExperimentResult } from './run/result.ts';

export interface ChaosObservation extends Observation {
  results: ExperimentResult[];
}

export interface ChaosStageDeps {
  /** The fault backend; by default Chaos Mesh on a Kubernetes environment, the local replica's fault points otherwise. */
  injector?: (ctx: RunContext) => FaultInjector;
}

/** Builds the stage; tests and other backends pass their injector. */
export function createChaosStage(deps: ChaosStageDeps = {}) {
  return defineStage<ChaosConfig, ChaosObservation>({
    id: 'chaos',
    title: 'Chaos: steady state holds through network and process faults',
    configSchema: chaosConfigSchema as unknown as z.ZodType<ChaosConfig>,
    needs: ['http', 'network-faults', 'process-faults'],
    describe: (config) => {
      const experiments = resolveExperiments(config);
      return `${experiments.length} experiment(s): ${experiments.map((e) => e.name).join(', ')}${config.durationScale > 1 ? `, stretched ×${config.durationScale}` : ''}`;
    },
    plan: (config) =>
      resolveExperiments(config).map((e) => ({
        title: `chaos ${e.name}: ${e.title}`,
        detail: `steady state (${e.steadyState.probes.map((p) => p.name).join(', ')}) before and after; ${e.method.faults.map(describeFault).join('; ')}${e.method.load ? `; background load ${e.method.load.ratePerSecond}/s` : ''}`,
      })),
    async run(ctx, config) {
      const injector = (deps.injector ?? injectorFor)(ctx);
      const results: ExperimentResult[] = [];
      for (const experiment of resolveExperiments(config)) {
        const result = await runExperiment({ ctx, experiment, injector, loadWarmupMs: config.loadWarmupMs });
        results.push(result);
        ctx.log.info(`chaos ${experiment.name}: ${result.status}${result.status === 'completed' && result.deviated ? ' (deviated)' : ''}`);
        if (result.status === 'interrupted') break;
      }
      return { results, summary: { experiments: results } as unknown as Record<string, unknown> };
    },
    evaluate: (config, observation) => {
      const experiments = resolveExperiments(config);
      const byName = new Map(experiments.map((e) => [e.name, e]));
      const ran = new Set(observation.results.map((r) => r.experiment));
      const missing = experiments.filter((e) => !ran.has(e.name)).map((e) => noDataCheck(`chaos.${e.name}.run`, `${e.title}: experiment ran`, 'the experiment did not run (the stage stopped before it)'));
      return [...observation.results.flatMap((result) => evaluateExperiment(result, { maxLoadErrorRate: byName.get(result.experiment)?.method.load?.maxErrorRate })), ...missing];
    },
  });
}

export const chaosStage = createChaosStage();
