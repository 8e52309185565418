import { z } from 'zod';
import { ConfigError, type ConfigIssue } from '../core/errors.ts';
import { experimentSchema, parseExperiment, scaleExperiment, type Experiment } from './model/experiment.ts';
import { SHIPPED_EXPERIMENT_INPUTS, SHIPPED_EXPERIMENT_NAMES } from './shipped/index.ts';

const shippedName = z.enum(SHIPPED_EXPERIMENT_NAMES as [string, ...string[]]);

/** Stage `chaos`: which experiments (shipped names or inline experiments) and how much to stretch them. */
export const chaosConfigSchema = z.object({
  experiments: z.array(z.union([shippedName, experimentSchema])).min(1).default([...SHIPPED_EXPERIMENT_NAMES]),
  /** Multiplies every method and fault duration (1 = the shipped seconds-long runs; 6 ≈ a minute each). */
  durationScale: z.number().min(1).max(120).default(1),
  /** Background players sign up this long before the first fault. */
  loadWarmupMs: z.number().int().min(0).max(60_000).default(1_500),
});

export type ChaosConfig = z.output<typeof chaosConfigSchema>;
export type ChaosConfigInput = z.input<typeof chaosConfigSchema>;

export function defineChaosConfig(config: ChaosConfigInput): ChaosConfigInput {
  return config;
}

/** The experiments a config names, validated (cross-field rules too) and scaled, in order. */
export function resolveExperiments(config: ChaosConfig): Experiment[] {
  const issues: ConfigIssue[] = [];
  const experiments: Experiment[] = [];
  config.experiments.forEach((entry, i) => {
    try {
      const input = typeof entry === 'string' ? SHIPPED_EXPERIMENT_INPUTS[entry as keyof typeof SHIPPED_EXPERIMENT_INPUTS] : entry;
      experiments.push(scaleExperiment(parseExperiment(input), config.durationScale));
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      issues.push(...error.issues.map((issue) => ({ ...issue, path: `experiments[${i}].${issue.path}` })));
    }
  });
  const names = experiments.map((e) => e.name);
  names.forEach((name, i) => {
    if (names.indexOf(name) !== i) issues.push({ path: `experiments[${i}]`, message: `experiment "${name}" is listed twice` });
  });
  if (issues.length > 0) throw new ConfigError('chaos-config', issues);
  return experiments;
}

/** A shipped experiment by name, or a ConfigError listing the known names. */
export function shippedExperiment(name: string, durationScale = 1): Experiment {
  const input = SHIPPED_EXPERIMENT_INPUTS[name as keyof typeof SHIPPED_EXPERIMENT_INPUTS];
  if (!input) throw new ConfigError('chaos-experiment', [{ path: 'experiment', message: `unknown experiment "${name}"`, expected: SHIPPED_EXPERIMENT_NAMES.join(', ') }]);
  return scaleExperiment(parseExperiment(input), durationScale);
}
