import { z } from 'zod';
import { ConfigError, type ConfigIssue } from '../../core/errors.ts';
import { faultSchema } from './fault.ts';
import { probeSchema } from './probe.ts';

/** Background traffic while faults are active: logged-in players spinning at a constant arrival rate. */
export const backgroundLoadSchema = z.object({
  ratePerSecond: z.number().int().min(1).max(200).default(5),
  players: z.number().int().min(1).max(50).default(4),
  /** Share of failed requests during the method that still counts as riding it out (informational unless set). */
  maxErrorRate: z.number().min(0).max(1).optional(),
});

/**
 * A Chaos Toolkit style experiment: a steady-state hypothesis checked before and after, a method (faults while
 * background load runs, with probes during it) and rollbacks (every fault is removed; killed instances restart).
 */
export const experimentSchema = z.object({
  name: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lowercase letters, digits and dashes'),
  title: z.string().min(1),
  description: z.string().default(''),
  steadyState: z.object({ probes: z.array(probeSchema).min(1) }),
  method: z.object({
    /** How long the method lasts (load runs this long); faults must end inside it. */
    durationMs: z.number().int().min(500).max(3_600_000),
    faults: z.array(faultSchema).min(1),
    load: backgroundLoadSchema.optional(),
    /** Probes run while the faults are active, `probesAfterMs` into the method. */
    probes: z.array(probeSchema).default([]),
    probesAfterMs: z.number().int().min(0).default(0),
  }),
  /** Time to let the platform recover after rollbacks before the steady state is checked again. */
  recoveryMs: z.number().int().min(0).max(600_000).default(1_000),
});

export type Experiment = z.output<typeof experimentSchema>;
export type ExperimentInput = z.input<typeof experimentSchema>;

/** Identity, for type inference. */
export function defineExperiment(input: ExperimentInput): ExperimentInput {
  return input;
}

/** Faults that outlast the method and probe names used twice are mistakes the schema alone cannot see. */
function crossFieldIssues(experiment: Experiment): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  experiment.method.faults.forEach((fault, i) => {
    if (fault.afterMs + fault.durationMs > experiment.method.durationMs) {
      issues.push({ path: `method.faults[${i}]`, message: `ends at ${fault.afterMs + fault.durationMs} ms, after the method (${experiment.method.durationMs} ms)`, expected: 'afterMs + durationMs <= method.durationMs' });
    }
  });
  const names = [...experiment.steadyState.probes, ...experiment.method.probes].map((p) => p.name);
  names.forEach((name, i) => {
    if (names.indexOf(name) !== i) {
      issues.push({ path: 'probes', message: `probe name "${name}" is used twice`, expected: 'unique probe names' });
    }
  });
  return issues;
}

/** Validates an experiment and reports every problem at once, each with its path. */
export function parseExperiment(input: unknown, file?: string): Experiment {
  const parsed = experimentSchema.safeParse(input);
  if (!parsed.success) {
    throw new ConfigError(
      'chaos-experiment',
      parsed.error.issues.map((issue) => ({ file, path: issue.path.join('.') || '(root)', message: issue.message })),
      'see chaos/README.md for the experiment model',
    );
  }
  const issues = crossFieldIssues(parsed.data).map((issue) => ({ ...issue, file }));
  if (issues.length > 0) throw new ConfigError('chaos-experiment', issues);
  return parsed.data;
}

/** Stretches an experiment in time (method, fault offsets and durations) for longer runs; factor ≥ 1. */
export function scaleExperiment(experiment: Experiment, factor: number): Experiment {
  if (factor === 1) return experiment;
  const scale = (ms: number) => Math.round(ms * factor);
  return {
    ...experiment,
    method: {
      ...experiment.method,
      durationMs: scale(experiment.method.durationMs),
      probesAfterMs: scale(experiment.method.probesAfterMs),
      faults: experiment.method.faults.map((fault) => ({ ...fault, afterMs: scale(fault.afterMs), durationMs: scale(fault.durationMs) })),
    },
  };
}
