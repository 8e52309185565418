import { z } from 'zod';
import { parseDelay } from '../../core/thresholds/index.ts';

/** The longest phase a scenario may declare: every engine loop is bounded in time. */
export const MAX_DURATION_MS = 6 * 3_600_000;

/** A k6 duration string (`500ms`, `30s`, `1m30s`, `2h`) as milliseconds; throws on anything else. */
export function durationMs(text: string): number {
  const ms = parseDelay(text);
  if (ms === undefined) throw new RangeError(`"${text}" is not a duration like 30s, 1m30s or 500ms`);
  return ms;
}

/** Kept as the string users wrote (k6 scripts need it), validated as a bounded duration. */
export const durationSchema = z.string().superRefine((text, ctx) => {
  const ms = parseDelay(text);
  if (ms === undefined) ctx.addIssue({ code: 'custom', message: `expected a duration like "30s", "1m30s" or "500ms", got ${JSON.stringify(text)}` });
  else if (ms > MAX_DURATION_MS) ctx.addIssue({ code: 'custom', message: `at most 6h, got ${text}` });
});

export const positiveDurationSchema = durationSchema.refine((text) => (parseDelay(text) ?? 0) > 0, { message: 'expected a duration above 0' });
