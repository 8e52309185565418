import { z } from 'zod';
import { thresholdsSchema } from '../../core/thresholds/index.ts';
import { durationSchema, positiveDurationSchema } from '../model/duration.ts';
import { scenarioIssues } from '../model/parse.ts';
import type { Scenario } from '../model/scenario.ts';
import { SHIPPED_SCENARIOS, type ShippedScenarioName } from '../shipped/index.ts';

const shippedNames = Object.keys(SHIPPED_SCENARIOS) as [ShippedScenarioName, ...ShippedScenarioName[]];

/** A shipped scenario by name, or a whole scenario object (validated with every issue at its path). */
const scenarioRefSchema = z.unknown().transform((value, ctx): Scenario => {
  if (typeof value === 'string') {
    const shipped = SHIPPED_SCENARIOS[value as ShippedScenarioName];
    if (shipped) return shipped();
    ctx.addIssue({ code: 'custom', message: `unknown scenario "${value}"; shipped: ${shippedNames.join(', ')}` });
    return z.NEVER;
  }
  const { scenario, issues } = scenarioIssues(value);
  for (const issue of issues) {
    const path = issue.path.split(/[.[\]]+/).filter(Boolean).map((part) => (/^\d+$/.test(part) ? Number(part) : part.replace(/^"|"$/g, '')));
    ctx.addIssue({ code: 'custom', path, message: issue.message });
  }
  return scenario ?? z.NEVER;
});

export const loadConfigSchema = z
  .object({
    scenario: scenarioRefSchema.prefault('steady-mix'),
    /**
     * `auto` (default): k6-operator on a cluster that serves its TestRun CRD (kube); elsewhere k6 when a k6 binary
     * answers (k6Path, K6_BIN or PATH), else the embedded engine (undici).
     */
    backend: z.enum(['auto', 'embedded', 'k6', 'k6-operator']).default('auto'),
    k6Path: z.string().min(1).optional(),
    /** The k6-operator backend: runner pods, their image, and how long the TestRun may take beyond its schedule to start. */
    operator: z
      .object({
        parallelism: z.number().int().min(1).max(1000).default(1),
        image: z.string().min(1).optional(),
        startTimeout: positiveDurationSchema.default('5m'),
        /** Where runner pods reach the platform; default the edge Service's in-cluster URL. */
        baseUrl: z.url({ protocol: /^https?$/ }).optional(),
      })
      .strict()
      .default({ parallelism: 1, startTimeout: '5m' }),
    /** Generator threads for the embedded engine; keep cores free for the platform on small machines. */
    workers: z.number().int().min(1).max(64).default(1),
    /** Judged by the runner (k6 grammar and baseline-relative forms); the scenario's own thresholds are judged too. */
    thresholds: thresholdsSchema.default({}),
    /** Fewer samples make rate and trend judgements inconclusive. */
    minSamples: z.number().int().min(1).default(100),
    blocking: z.boolean().default(true),
    maxDroppedIterations: z.number().int().min(0).default(0),
    /** A generator that could not keep its schedule makes the load checks inconclusive. */
    generator: z
      .object({
        maxSendLagP99Ms: z.number().positive().default(50),
        maxEventLoopDelayP99Ms: z.number().positive().default(100),
      })
      .strict()
      .default({ maxSendLagP99Ms: 50, maxEventLoopDelayP99Ms: 100 }),
    /** The seed's rule against the baseline run: > 20% latency growth or > 10% 5xx growth is a regression. */
    baseline: z
      .object({
        mode: z.enum(['auto', 'required', 'off']).default('auto'),
        latencyGrowthPercent: z.number().min(0).default(20),
        serverErrorGrowthPercent: z.number().min(0).default(10),
      })
      .strict()
      .default({ mode: 'auto', latencyGrowthPercent: 20, serverErrorGrowthPercent: 10 }),
    /** Expectations on the pool's autoscaler during the load (flash-spins). */
    autoscaling: z
      .object({
        expectedReplicas: z.number().int().min(1).max(64),
        scaleOutWithin: positiveDurationSchema.default('30s'),
        scaleInWithin: positiveDurationSchema.default('60s'),
        /** p95 (ms) that must hold again once the pool has scaled out and settled. */
        p95SloMs: z.number().positive(),
        settle: durationSchema.default('5s'),
      })
      .strict()
      .optional(),
  })
  .strict();

export type LoadConfig = z.output<typeof loadConfigSchema>;
export type LoadConfigInput = z.input<typeof loadConfigSchema>;

export function defineLoadConfig(config: LoadConfigInput): LoadConfigInput {
  return config;
}
