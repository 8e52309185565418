import type { z } from 'zod';
import type { Capability } from '../staging/environment.ts';
import type { Check } from './check.ts';
import type { MetricDescriptor } from './metrics.ts';
import type { EnumerableMetricSource } from './metrics/index.ts';
import type { RunContext } from './run-context.ts';

/** What a stage saw. Judging happens afterwards, in `evaluate` and the thresholds. */
export interface Observation {
  /** Metrics in k6's model; thresholds are evaluated against them. */
  metrics?: EnumerableMetricSource;
  /** A JSON-safe summary of what was measured, kept in the report (timelines, counts, tables). */
  summary?: Record<string, unknown>;
}

/** One line of `greenlight plan`. */
export interface PlanStep {
  title: string;
  detail?: string;
}

/**
 * A stage's config is data that validates, describes and plans itself; `run` observes, `evaluate` judges.
 * Stages never install signal handlers or exit the process: the runner owns the lifecycle.
 */
export interface Stage<C = any, O extends Observation = Observation> {
  id: string;
  title: string;
  configSchema: z.ZodType<C>;
  /** Metrics the stage can emit; thresholds naming anything else are rejected before the run. */
  emits?: readonly MetricDescriptor[];
  /** Environment capabilities the stage needs; a missing one is reported at plan time. */
  needs?: readonly Capability[];
  /** Needs that depend on the config and on what the environment may offer (load's k6-operator backend). */
  needsFor?(config: C, offered: readonly Capability[]): readonly Capability[];
  describe(config: C): string;
  plan(config: C): PlanStep[];
  run(ctx: RunContext, config: C): Promise<O>;
  /** Pure: the checks this stage's criteria give for these observations (and the baseline's, if any). */
  evaluate(config: C, observations: O, baseline?: O): Check[];
}

/** Everything a planned stage needs from an environment offering `offered`. */
export function stageNeeds<C>(stage: Stage<C, any>, config: C, offered: readonly Capability[]): Capability[] {
  return [...new Set([...(stage.needs ?? []), ...(stage.needsFor?.(config, offered) ?? [])])];
}

/** Identity, for type inference when declaring a stage. */
export function defineStage<C, O extends Observation>(stage: Stage<C, O>): Stage<C, O> {
  return stage;
}
