import { z } from 'zod';
import { DEFAULT_CONFIDENCE } from './confidence.ts';
import { CORRECTIONS } from './correction.ts';

/** Config of the `rng` stage (user layer: everything optional). */
export const rngStageConfigSchema = z
  .object({
    /** Confidence level; overrides the jurisdiction's. Default 0.99. */
    confidence: z.number().gt(0.5).lt(1).optional(),
    /** Jurisdiction code whose confidence level applies (see JURISDICTION_CONFIDENCE). */
    jurisdiction: z.string().min(1).optional(),
    correction: z.enum(CORRECTIONS).default('holm'),
    /** Raw bytes sampled from each rng instance; 125,000 bytes = 10⁶ bits, what the full battery needs. */
    bytes: z.number().int().positive().max(64 * 1024 * 1024).default(125_000),
  })
  .strict();

export type RngStageConfig = z.output<typeof rngStageConfigSchema>;
export type RngStageUserConfig = z.input<typeof rngStageConfigSchema>;

export { DEFAULT_CONFIDENCE };
