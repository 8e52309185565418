import { setTimeout as sleep } from 'node:timers/promises';
import { errorMessage } from '../../core/errors.ts';
import { redeliverPaymentEvents } from './redeliver-webhooks.ts';
import type { ProbeContext, ProbeResult } from './run-probe.ts';

/**
 * After the method: each deposit made during it must be succeeded within its deadline, and the balance must have
 * grown by exactly their sum (credited once each, none lost, none doubled by a duplicated webhook).
 */
export async function settleDeposits(ctx: ProbeContext, clock: { now(): number } = Date): Promise<ProbeResult[]> {
  const results: ProbeResult[] = [];
  for (const [name, pending] of ctx.pendingDeposits) {
    const probeName = `${name}:settled`;
    try {
      const deadline = clock.now() + pending.settleWithinMs;
      let statuses: string[] = [];
      for (;;) {
        statuses = await Promise.all(pending.ids.map((id) => pending.player.depositStatus(id)));
        if (statuses.every((s) => s === 'succeeded') || clock.now() >= deadline) break;
        await sleep(200, undefined, { signal: ctx.player.signal });
      }
      const settled = statuses.filter((s) => s === 'succeeded').length;
      let redelivered: string[] = [];
      if (pending.redeliver && settled === pending.ids.length) {
        if (!ctx.payments) throw new Error('redelivering webhooks needs the payment sandbox (psp URL, API key, webhook secret)');
        redelivered = await redeliverPaymentEvents({ access: ctx.payments, edgeUrl: ctx.player.edgeUrl, depositIds: pending.ids, fetch: ctx.player.fetch, signal: ctx.player.signal });
      }
      const balance = await pending.player.balance();
      const expected = pending.balanceBefore + pending.amount * pending.ids.length;
      const redeliveryOk = !pending.redeliver || (redelivered.length === pending.ids.length && redelivered.every((r) => r === 'duplicate'));
      results.push({
        name: probeName,
        kind: 'deposits-settle',
        outcome: 'measured',
        value: settled,
        unit: 'deposits',
        toleranceMet: settled === pending.ids.length && balance === expected && redeliveryOk,
        tolerance: `all ${pending.ids.length} succeeded within ${pending.settleWithinMs} ms, balance grew by exactly their sum${pending.redeliver ? ', redelivered webhooks answered duplicate' : ''}`,
        samples: pending.ids.length,
        detail: `${settled} of ${pending.ids.length} succeeded (${statuses.join(', ')}); balance ${balance}, expected ${expected}${pending.redeliver ? `; redelivered webhooks: ${redelivered.join(', ') || 'none'}` : ''}`,
      });
    } catch (error) {
      if (ctx.player.signal.aborted) throw error;
      results.push({ name: probeName, kind: 'deposits-settle', outcome: 'error', error: errorMessage(error) });
    }
  }
  ctx.pendingDeposits.clear();
  return results;
}
