import { z } from 'zod';

export const POOLS = ['blue', 'green', 'canary'] as const;

const loopbackOrAnyUrl = z.url({ protocol: /^https?$/, error: 'an absolute http(s) URL, e.g. http://127.0.0.1:8080' });

/** The smoke stage's config: which journeys run, against what, and how long each may take. */
export const smokeConfigSchema = z
  .object({
    /** The player journey in a real browser (Playwright Test). */
    ui: z.boolean().default(true),
    /** The same journey over the HTTP API. */
    api: z.boolean().default(true),
    /** Pin every request to one pool through the edge's `x-greenlight-pool` header. */
    pool: z.enum(POOLS).optional(),
    /** Overrides the environment's edge URL (`greenlight smoke --target URL`). */
    target: loopbackOrAnyUrl.optional(),
    blocking: z.boolean().default(true),
    /** Playwright retries; a test that passes only on a retry is reported as flaky (warn). */
    retries: z.number().int().min(0).max(3).default(1),
    /** Playwright workers (browsers in parallel). */
    workers: z.number().int().min(1).max(4).default(2),
    timeouts: z
      .object({
        /** The whole Playwright run, browser start to report; the child is killed past it. */
        uiRunMs: z.number().int().positive().default(120_000),
        /** One UI test. */
        uiTestMs: z.number().int().positive().default(20_000),
        /** One UI assertion (`expect` polling). */
        uiExpectMs: z.number().int().positive().default(10_000),
        /** One API request. */
        apiRequestMs: z.number().int().positive().default(10_000),
        /** How long money may take to settle (webhooks, payouts) before a step fails. */
        settleMs: z.number().int().positive().default(15_000),
      })
      .strict()
      .prefault({}),
  })
  .strict()
  .refine((c) => c.ui !== false || c.api !== false, {
    message: 'at least one of ui and api must be on',
    path: ['ui'],
    // Also when other fields are invalid, so every problem is reported at once.
    when: (payload) => typeof payload.value === 'object' && payload.value !== null,
  });

export type SmokeConfig = z.infer<typeof smokeConfigSchema>;
export type SmokeConfigInput = z.input<typeof smokeConfigSchema>;
export type PoolName = (typeof POOLS)[number];
