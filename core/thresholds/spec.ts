import { z } from 'zod';

/** One threshold as users write it: `"p(95)<300"` or `{ threshold, abortOnFail?, delayAbortEval? }`. */
export const thresholdEntrySchema = z.union([
  z.string(),
  z
    .object({
      threshold: z.string(),
      abortOnFail: z.boolean().optional(),
      /** A duration (`30s`, `1m30s`): the grace before an abortOnFail threshold may abort the run. */
      delayAbortEval: z.string().optional(),
    })
    .strict(),
]);

/**
 * The thresholds of a stage, keyed by metric or sub-metric (`http_req_duration{flow:deposit}`); several
 * expressions on one key must all hold. Only the shape is checked here: `validateThresholds` checks the
 * grammar and the metrics against what the stage emits.
 */
export const thresholdsSchema = z.record(z.string(), z.array(thresholdEntrySchema));

export type ThresholdEntry = z.infer<typeof thresholdEntrySchema>;
export type ThresholdsSpec = z.infer<typeof thresholdsSchema>;

/** One expression of a spec with its place in it. */
export interface ThresholdItem {
  key: string;
  index: number;
  expression: string;
  abortOnFail: boolean;
  delayAbortEval?: string;
}

export function thresholdItems(spec: ThresholdsSpec): ThresholdItem[] {
  return Object.entries(spec).flatMap(([key, entries]) =>
    entries.map((entry, index): ThresholdItem => {
      if (typeof entry === 'string') return { key, index, expression: entry, abortOnFail: false };
      const item: ThresholdItem = { key, index, expression: entry.threshold, abortOnFail: entry.abortOnFail ?? false };
      if (entry.delayAbortEval !== undefined) item.delayAbortEval = entry.delayAbortEval;
      return item;
    }),
  );
}

const DURATION = /^(?:\d+(?:\.\d+)?(?:ms|s|m|h))+$/;
const DURATION_PART = /(\d+(?:\.\d+)?)(ms|s|m|h)/g;
const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** `500ms`, `30s`, `1m30s`, `2h` → milliseconds; undefined when it is not such a duration. */
export function parseDelay(text: string): number | undefined {
  if (!DURATION.test(text)) return undefined;
  let total = 0;
  for (const [, amount, unit] of text.matchAll(DURATION_PART)) total += Number(amount) * (UNIT_MS[unit ?? ''] ?? NaN);
  return Number.isFinite(total) ? total : undefined;
}
