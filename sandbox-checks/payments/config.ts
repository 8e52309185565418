import { z } from 'zod';

/** The scenarios the payments stage runs, in report order. */
export const PAYMENT_SCENARIOS = [
  'deposit-success',
  'deposit-declined',
  'insufficient-funds',
  'three-d-secure',
  'idempotent-retry',
  'webhook-replay',
  'webhook-signatures',
  'withdrawal-paid',
  'withdrawal-reversed',
  'withdrawal-idempotent-retry',
  'deposit-reliability',
] as const;
export type PaymentScenarioId = (typeof PAYMENT_SCENARIOS)[number];

/**
 * Config of the `payments` stage (user layer: everything optional). `webhookSecret` and `pspApiKey` are secrets:
 * they never appear in observations, checks or logs. When absent they come from the environment's
 * `payment-sandbox` control.
 */
export const paymentsStageConfigSchema = z
  .object({
    webhookSecret: z.string().min(8).optional(),
    pspApiKey: z.string().min(1).optional(),
    /** Deposit amount in minor units (EUR cents). */
    amount: z.number().int().min(100).max(1_000_000).default(2_500),
    /** Run only these scenarios (reconciliation always runs). */
    scenarios: z.array(z.enum(PAYMENT_SCENARIOS)).min(1).optional(),
    /** Per-request deadline. */
    requestTimeoutMs: z.number().int().positive().default(10_000),
    /** How long webhooks and payouts may take to settle before the scenario is inconclusive. */
    settleTimeoutMs: z.number().int().positive().default(15_000),
    /** Settled means: every provider event delivered and nothing changed for this long (late duplicates land inside it). */
    quietMs: z.number().int().nonnegative().default(400),
    /** The client deadline that makes the first deposit attempt of `idempotent-retry` time out. */
    retryTimeoutMs: z.number().int().positive().default(5),
    /** Deposits in `deposit-reliability`: every one must succeed (3% failing goes unseen in 200 with probability 0.2%). */
    burstDeposits: z.number().int().min(1).max(5_000).default(200),
    burstConcurrency: z.number().int().min(1).max(32).default(4),
    /** Age of the timestamp on the stale-signature webhook. */
    staleSeconds: z.number().int().min(301).default(900),
  })
  .strict();

export type PaymentsStageConfig = z.output<typeof paymentsStageConfigSchema>;
export type PaymentsStageUserConfig = z.input<typeof paymentsStageConfigSchema>;
