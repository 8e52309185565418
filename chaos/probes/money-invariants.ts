import pg from 'pg';
import { checkLedgerInvariants } from '../../fixtures/platform/db/invariants.ts';

/** What chaos adds to the platform's ledger invariants: nothing applied twice, no withdrawal lost. */
const CHAOS_CHECKS: { sql: string; describe: (row: Record<string, string>) => string }[] = [
  {
    sql: `SELECT reference, count(*)::text AS n FROM transactions WHERE kind = 'spin' GROUP BY reference HAVING count(*) > 1`,
    describe: (r) => `${r.reference}: spin applied ${r.n} times, expected once`,
  },
  {
    sql: `SELECT g.id FROM game_rounds g LEFT JOIN transactions t ON t.id = g.transaction_id WHERE t.id IS NULL`,
    describe: (r) => `round ${r.id}: has no ledger transaction`,
  },
  {
    sql: `SELECT w.id, w.status FROM withdrawals w LEFT JOIN transactions t ON t.kind = 'withdrawal_hold' AND t.reference = 'withdrawal:' || w.id
          GROUP BY w.id HAVING count(t.id) <> 1`,
    describe: (r) => `withdrawal ${r.id} (${r.status}): its hold is not posted exactly once (lost or doubled)`,
  },
  {
    sql: `SELECT w.id FROM withdrawals w LEFT JOIN transactions t ON t.kind = 'withdrawal_paid' AND t.reference = 'withdrawal:' || w.id
          WHERE w.status = 'paid' GROUP BY w.id HAVING count(t.id) <> 1`,
    describe: (r) => `withdrawal ${r.id}: paid but its payout is not settled exactly once in the ledger`,
  },
];

export interface MoneyInvariantResult {
  violations: string[];
  counts: Record<string, number>;
}

/**
 * The money invariants after an experiment: the ledger sums to zero, balances equal their entries, no negative
 * balance, no spin or deposit applied twice, no withdrawal lost. Reads in one repeatable-read snapshot.
 */
export async function checkMoneyInvariants(databaseUrl: string): Promise<MoneyInvariantResult> {
  const ledger = await checkLedgerInvariants(databaseUrl);
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const violations = [...ledger.violations];
    for (const check of CHAOS_CHECKS) {
      const result = await client.query<Record<string, string>>(check.sql);
      violations.push(...result.rows.map(check.describe));
    }
    await client.query('COMMIT');
    return { violations, counts: { ...ledger.counts } };
  } finally {
    await client.end();
  }
}
