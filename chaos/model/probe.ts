import { z } from 'zod';

const pool = z.enum(['blue', 'green', 'canary']).optional();

/**
 * A probe measures one thing and holds a tolerance. Probes run with players of their own, created before the
 * experiment; a probe that cannot measure is an error, never a pass.
 */
export const probeSchema = z.discriminatedUnion('kind', [
  /** p95 latency of `spins` sequential spins through the edge (optionally pinned to a pool). */
  z.object({ kind: z.literal('spin-p95'), name: z.string().min(1), spins: z.number().int().min(5).max(500).default(20), pool, tolerance: z.object({ maxMs: z.number().positive() }) }),
  /** Share of spins that do not answer 200. */
  z.object({ kind: z.literal('spin-error-rate'), name: z.string().min(1), spins: z.number().int().min(1).max(500).default(20), pool, tolerance: z.object({ max: z.number().min(0).max(1) }) }),
  /** Spins answer one of `statuses` (a clean refusal) and no money moves (the balance stays the same). */
  z.object({
    kind: z.literal('spin-fails-cleanly'),
    name: z.string().min(1),
    spins: z.number().int().min(1).max(100).default(5),
    pool,
    tolerance: z.object({ statuses: z.array(z.number().int().min(400).max(599)).min(1) }),
  }),
  /**
   * Deposits with the 3-D Secure card (credited by the psp's webhook) made now; `settleWithinMs` after the method
   * each must be succeeded and credited exactly once (the balance grew by exactly their sum).
   */
  z.object({
    kind: z.literal('deposits-settle'),
    name: z.string().min(1),
    deposits: z.number().int().min(1).max(50).default(3),
    amount: z.number().int().min(100).default(1_000),
    /** After settling, deliver each deposit's payment.succeeded webhook once more (signed, same event id): it must change nothing. */
    redeliver: z.boolean().default(false),
    tolerance: z.object({ settleWithinMs: z.number().int().min(100).max(120_000) }),
  }),
  /** The platform's money invariants on the database (direct connection, no fault point). */
  z.object({ kind: z.literal('ledger-invariants'), name: z.string().min(1), tolerance: z.object({ violations: z.literal(0) }).default({ violations: 0 }) }),
]);

export type Probe = z.output<typeof probeSchema>;
export type ProbeInput = z.input<typeof probeSchema>;
export type ProbeKind = Probe['kind'];
