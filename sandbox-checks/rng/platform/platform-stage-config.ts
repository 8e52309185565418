import { z } from 'zod';
import { CORRECTIONS } from '../index.ts';

const range = z.tuple([z.number().int(), z.number().int()]).refine(([min, max]) => max > min && max - min < 10_000, 'expected [min, max] with min < max and fewer than 10,000 values');

/** Config of the platform `rng` stage (user layer: everything optional). */
export const rngStageConfigSchema = z
  .object({
    /** Confidence level; overrides the jurisdiction's. Default 0.99. */
    confidence: z.number().gt(0.5).lt(1).optional(),
    jurisdiction: z.string().min(1).optional(),
    correction: z.enum(CORRECTIONS).default('holm'),
    /** Raw bytes per rng instance; 125,000 bytes = 10⁶ bits, what the full SP 800-22 battery needs. */
    rawBytes: z.number().int().positive().max(8 * 1024 * 1024).default(125_000),
    /** Game ranges whose scaled outcomes (`GET /random`) are tested for mapping bias: reel stops and roulette. */
    ranges: z.array(range).default([[0, 31], [0, 36]]),
    /** Scaled outcomes per range; 20,000 makes the pairs test applicable for 37 values. */
    outcomes: z.number().int().positive().max(1_000_000).default(20_000),
    rtp: z
      .object({
        /** `play` spins through the api; `simulate` draws reel stops from the rng service and applies the paytable. */
        modes: z.array(z.enum(['play', 'simulate'])).min(1).default(['play', 'simulate']),
        spins: z.number().int().min(2).max(1_000_000).default(1_000),
        simulatedSpins: z.number().int().min(2).max(10_000_000).default(200_000),
        /** Bet per spin in minor units. */
        bet: z.number().int().positive().default(1),
        concurrency: z.number().int().min(1).max(64).default(8),
        /** Wanted half-width of the RTP interval (fraction); the check says how many spins it needs. */
        precision: z.number().gt(0).lt(1).default(0.005),
      })
      .strict()
      .default({ modes: ['play', 'simulate'], spins: 1_000, simulatedSpins: 200_000, bet: 1, concurrency: 8, precision: 0.005 }),
    /** Restarts of the first instance for restart independence (only with a process-faults control); the stream after each is compared with the others and with the battery sample. */
    restarts: z.number().int().min(1).max(20).default(3),
    restartBytes: z.number().int().min(64).max(1024 * 1024).default(4_096),
    /** A failed check is called only when a fresh, independent sample fails it too (false alarms α → α²). */
    replicate: z.boolean().default(true),
    requestTimeoutMs: z.number().int().positive().default(30_000),
    restartTimeoutMs: z.number().int().positive().default(15_000),
  })
  .strict();

export type RngStageConfig = z.output<typeof rngStageConfigSchema>;
export type RngStageUserConfig = z.input<typeof rngStageConfigSchema>;
