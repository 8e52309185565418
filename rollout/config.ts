import { z } from 'zod';

export const DRILLS = ['canary', 'blue-green', 'flags', 'read-only', 'maintenance'] as const;
export type DrillName = (typeof DRILLS)[number];

const ms = (max: number) => z.number().int().min(0).max(max);

export const canaryConfigSchema = z.object({
  steps: z
    .array(z.object({ weight: z.number().int().min(1).max(100), durationMs: ms(600_000).min(500) }))
    .min(1)
    .default([
      { weight: 5, durationMs: 2_000 },
      // The first decisive step gets the longest window: at 25% the candidate's samples are the scarce side.
      { weight: 25, durationMs: 14_000 },
      { weight: 50, durationMs: 5_000 },
      { weight: 100, durationMs: 5_000 },
    ])
    .refine((steps) => steps.every((s, i) => i === 0 || s.weight > steps[i - 1]!.weight), 'weights must rise step by step'),
  /** Kayenta's beginAfter: after each weight change, this long is not judged (connection pools grow, caches fill). */
  settleMs: ms(60_000).default(1_000),
  /** Traffic pinned to both pools before the first step, not judged (JIT, pools, caches). */
  warmupMs: ms(60_000).default(2_000),
  confidence: z.number().gt(0.5).lt(1).default(0.99),
  minSamples: z.number().int().min(5).default(50),
  latencyGrowth: z.number().min(0).default(0.2),
  errorRateGrowth: z.number().min(0).default(0.1),
  latencyEffectFloor: z.number().min(0).default(0.05),
  errorRateFloor: z.number().min(0).default(0.005),
  /** Steps at or above this weight must pass; lighter steps may lack samples (inconclusive) without blocking. */
  decisiveFromWeight: z.number().int().min(1).max(100).default(25),
  maxRollbackMs: ms(60_000).default(5_000),
});

export const blueGreenConfigSchema = z.object({
  /** Load before and after the switch (and the rollback), each. */
  phaseMs: ms(120_000).min(500).default(2_000),
  smoke: z.boolean().default(true),
  maxSwitchMs: ms(60_000).default(2_000),
  maxRollbackMs: ms(60_000).default(5_000),
});

export const rolloutConfigSchema = z.object({
  drills: z.array(z.enum(DRILLS)).min(1).default([...DRILLS]),
  baselinePool: z.enum(['blue', 'green', 'canary']).default('blue'),
  candidatePool: z.enum(['blue', 'green', 'canary']).default('green'),
  traffic: z
    .object({
      // Enough samples for the 25% step to decide, low enough not to saturate a busy 2-core machine.
      ratePerSecond: z.number().positive().max(2_000).default(40),
      players: z.number().int().min(1).max(100).default(10),
      /** Share of requests that spin (a write); the rest read the wallet. */
      spinShare: z.number().min(0).max(1).default(0.9),
      maxInFlight: z.number().int().min(1).max(1_000).default(256),
      requestTimeoutMs: ms(60_000).min(100).default(15_000),
    })
    .prefault({}),
  canary: canaryConfigSchema.prefault({}),
  blueGreen: blueGreenConfigSchema.prefault({}),
  readOnly: z.object({ windowMs: ms(120_000).min(500).default(2_500) }).prefault({}),
  maintenance: z.object({ message: z.string().min(1).max(200).default('Greenlight maintenance drill') }).prefault({}),
});

export type RolloutConfig = z.output<typeof rolloutConfigSchema>;
export type RolloutConfigInput = z.input<typeof rolloutConfigSchema>;
export type CanaryConfig = RolloutConfig['canary'];
export type BlueGreenConfig = RolloutConfig['blueGreen'];
export type TrafficConfig = RolloutConfig['traffic'];

/** Identity, for type inference in greenlight.config.ts. */
export function defineRolloutConfig(config: RolloutConfigInput): RolloutConfigInput {
  return config;
}
