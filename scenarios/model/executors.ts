import { z } from 'zod';
import { durationSchema, positiveDurationSchema } from './duration.ts';

const count = (max: number) => z.number().int().min(0).max(max);
const positive = (max: number) => z.number().int().min(1).max(max);
/** Upper bounds keep every run bounded: no schedule may ask for more than these. */
export const LIMITS = { vus: 100_000, ratePerSecond: 1_000_000, iterations: 10_000_000, stages: 100 } as const;

const common = {
  startTime: durationSchema.default('0s'),
  gracefulStop: durationSchema.default('30s'),
};

const stageSchema = z.object({ duration: durationSchema, target: count(LIMITS.ratePerSecond) }).strict();
const vuStageSchema = z.object({ duration: durationSchema, target: count(LIMITS.vus) }).strict();

export const constantArrivalRateSchema = z
  .object({
    executor: z.literal('constant-arrival-rate'),
    rate: positive(LIMITS.ratePerSecond),
    timeUnit: positiveDurationSchema.default('1s'),
    duration: positiveDurationSchema,
    preAllocatedVUs: positive(LIMITS.vus),
    maxVUs: positive(LIMITS.vus).optional(),
    ...common,
  })
  .strict();

export const rampingArrivalRateSchema = z
  .object({
    executor: z.literal('ramping-arrival-rate'),
    startRate: count(LIMITS.ratePerSecond).default(0),
    timeUnit: positiveDurationSchema.default('1s'),
    stages: z.array(stageSchema).min(1).max(LIMITS.stages),
    preAllocatedVUs: positive(LIMITS.vus),
    maxVUs: positive(LIMITS.vus).optional(),
    ...common,
  })
  .strict();

export const constantVusSchema = z
  .object({ executor: z.literal('constant-vus'), vus: positive(LIMITS.vus).default(1), duration: positiveDurationSchema, ...common })
  .strict();

export const rampingVusSchema = z
  .object({
    executor: z.literal('ramping-vus'),
    startVUs: count(LIMITS.vus).default(1),
    stages: z.array(vuStageSchema).min(1).max(LIMITS.stages),
    gracefulRampDown: durationSchema.default('30s'),
    ...common,
  })
  .strict();

export const perVuIterationsSchema = z
  .object({
    executor: z.literal('per-vu-iterations'),
    vus: positive(LIMITS.vus).default(1),
    iterations: positive(LIMITS.iterations).default(1),
    maxDuration: positiveDurationSchema.default('10m'),
    ...common,
  })
  .strict();

export const sharedIterationsSchema = z
  .object({
    executor: z.literal('shared-iterations'),
    vus: positive(LIMITS.vus).default(1),
    iterations: positive(LIMITS.iterations).default(1),
    maxDuration: positiveDurationSchema.default('10m'),
    ...common,
  })
  .strict();

/** k6's executors with k6's option names and defaults. */
export const executorSchema = z.discriminatedUnion('executor', [
  constantArrivalRateSchema,
  rampingArrivalRateSchema,
  constantVusSchema,
  rampingVusSchema,
  perVuIterationsSchema,
  sharedIterationsSchema,
]);

export type ExecutorConfig = z.infer<typeof executorSchema>;
export type ExecutorInput = z.input<typeof executorSchema>;
export type ArrivalRateExecutor = Extract<ExecutorConfig, { executor: 'constant-arrival-rate' | 'ramping-arrival-rate' }>;

export function isOpenModel(executor: ExecutorConfig): executor is ArrivalRateExecutor {
  return executor.executor === 'constant-arrival-rate' || executor.executor === 'ramping-arrival-rate';
}
