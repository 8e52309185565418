import { setTimeout as sleep } from 'node:timers/promises';
import { durationMs } from '../model/duration.ts';
import type { ExecutorConfig } from '../model/executors.ts';
import type { ExecutorTotals } from './open-executor.ts';
import type { VirtualUser } from './iteration.ts';
import { drain, newVirtualUser, track, waitUntil, type PartitionContext } from './partition-context.ts';
import { scheduleLengthMs, shareOf, vuTargetAt } from './schedule.ts';

type ClosedExecutor = Exclude<ExecutorConfig, { executor: 'constant-arrival-rate' | 'ramping-arrival-rate' }>;

const RAMP_TICK_MS = 50;

/**
 * Closed model (k6 VU executors): each VU runs iterations back to back. Latency is from the actual send, which is
 * the intended one here: a VU only sends when the previous answer came (the model's own coordinated omission).
 */
export async function runClosedModel(ctx: PartitionContext, executor: ClosedExecutor): Promise<ExecutorTotals> {
  await waitUntil(ctx, ctx.startMs);
  const length = scheduleLengthMs(executor);
  const end = ctx.startMs + length;
  const totals: ExecutorTotals = { scheduled: 0, started: 0, dropped: 0 };
  const dropped = ctx.registry.bind('dropped_iterations', { scenario: ctx.scenario.name });
  dropped(0);
  const inFlight = new Set<Promise<void>>();
  // Iterations left for this thread; Infinity for duration-based executors.
  let shared = executor.executor === 'shared-iterations' ? shareOf(executor.iterations, ctx.part, ctx.parts) : Infinity;
  const perVu = executor.executor === 'per-vu-iterations' ? executor.iterations : Infinity;
  const take = (vu: VirtualUser) => {
    if (ctx.stopped() || ctx.now() >= end || vu.retired || vu.iterations >= perVu || shared <= 0) return false;
    shared -= 1;
    return true;
  };
  const loop = async (vu: VirtualUser) => {
    ctx.busy.count += 1;
    try {
      while (take(vu)) {
        totals.started += 1;
        await ctx.runner.run(vu, ctx.pickFlow(), ctx.now());
      }
    } finally {
      ctx.busy.count -= 1;
    }
  };

  if (executor.executor === 'ramping-vus') {
    const active: VirtualUser[] = [];
    while (ctx.now() < end && !ctx.stopped()) {
      const target = shareOf(vuTargetAt(executor, ctx.now() - ctx.startMs), ctx.part, ctx.parts);
      while (active.length < target) {
        const vu = newVirtualUser(ctx);
        active.push(vu);
        track(inFlight, loop(vu));
      }
      while (active.length > target) active.pop()!.retired = true;
      await sleep(Math.min(RAMP_TICK_MS, Math.max(1, end - ctx.now())));
    }
  } else {
    const vus = shareOf(executor.vus, ctx.part, ctx.parts);
    for (let i = 0; i < vus; i++) track(inFlight, loop(newVirtualUser(ctx)));
  }

  const graceful = executor.executor === 'ramping-vus' ? Math.max(durationMs(executor.gracefulStop), durationMs(executor.gracefulRampDown)) : durationMs(executor.gracefulStop);
  await drain(ctx, inFlight, end + graceful);
  if (executor.executor === 'shared-iterations' || executor.executor === 'per-vu-iterations') {
    const planned = executor.executor === 'shared-iterations' ? shareOf(executor.iterations, ctx.part, ctx.parts) : shareOf(executor.vus, ctx.part, ctx.parts) * executor.iterations;
    totals.scheduled = planned;
    totals.dropped = Math.max(0, planned - totals.started);
    if (totals.dropped > 0 && !ctx.stopped()) dropped(totals.dropped);
  } else {
    totals.scheduled = totals.started;
  }
  return totals;
}
