import { z } from 'zod';
import { ConfigError, type ConfigIssue } from '../errors.ts';
import type { MetricsSummary } from './summary.ts';

const metricType = z.enum(['counter', 'gauge', 'rate', 'trend']);
const contains = z.enum(['default', 'time', 'data']);

const descriptorSchema = z.object({
  name: z.string().min(1),
  type: metricType,
  contains: contains.optional(),
  tags: z.array(z.string()).optional(),
  description: z.string().optional(),
});

/** The stored shape of a `MetricsSummary` (a baseline read back from a report). */
export const metricsSummarySchema = z.object({
  version: z.literal(1),
  descriptors: z.array(descriptorSchema),
  metrics: z.record(
    z.string(),
    z.object({
      name: z.string().min(1),
      tags: z.record(z.string(), z.string()),
      type: metricType,
      contains,
      samples: z.number().int().nonnegative(),
      values: z.record(z.string(), z.number().finite()),
    }),
  ),
});

/** Validates a stored summary; every problem is reported at once with its path. */
export function parseMetricsSummary(input: unknown, file?: string, pathPrefix = ''): MetricsSummary {
  const result = metricsSummarySchema.safeParse(input);
  if (result.success) return result.data;
  const issues: ConfigIssue[] = result.error.issues.map((issue) => ({
    ...(file ? { file } : {}),
    path: [pathPrefix, ...issue.path.map(String)].filter(Boolean).join('.') || '<root>',
    message: issue.message,
  }));
  throw new ConfigError('invalid_metrics_summary', issues, 'the baseline summary is not one Greenlight wrote; re-run the baseline');
}
