import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { durationMs } from '../model/duration.ts';
import type { ArrivalRateExecutor } from '../model/executors.ts';
import { drain, newVirtualUser, track, waitUntil, type PartitionContext } from './partition-context.ts';
import { arrivalTimes, scheduleLengthMs, shareOf } from './schedule.ts';
import { VuQueue } from './vu-queue.ts';

export interface ExecutorTotals {
  scheduled: number;
  started: number;
  dropped: number;
}

/**
 * Open model (k6 arrival-rate executors): every arrival of this thread's share of the absolute schedule starts an
 * iteration on a free VU, or on a new one while fewer than maxVUs exist, or is counted in dropped_iterations.
 * Late arrivals are sent at once in a catch-up burst and keep their intended start for latency.
 */
export async function runOpenModel(ctx: PartitionContext, executor: ArrivalRateExecutor): Promise<ExecutorTotals> {
  const pre = shareOf(executor.preAllocatedVUs, ctx.part, ctx.parts);
  const max = Math.max(pre, shareOf(executor.maxVUs ?? executor.preAllocatedVUs, ctx.part, ctx.parts));
  const free = new VuQueue();
  for (let i = 0; i < pre; i++) free.push(newVirtualUser(ctx));
  const dropped = ctx.registry.bind('dropped_iterations', { scenario: ctx.scenario.name });
  dropped(0);
  const inFlight = new Set<Promise<void>>();
  const totals: ExecutorTotals = { scheduled: 0, started: 0, dropped: 0 };
  let burst = 0;
  for (const arrival of arrivalTimes(executor, ctx.part, ctx.parts)) {
    const intended = ctx.startMs + arrival.at;
    if (intended > ctx.now()) {
      burst = 0;
      await waitUntil(ctx, intended);
    } else if (++burst % 64 === 0) {
      await yieldToLoop();
    }
    if (ctx.stopped()) break;
    totals.scheduled += 1;
    const vu = free.shift() ?? (ctx.vus.length < max ? newVirtualUser(ctx) : undefined);
    if (!vu) {
      totals.dropped += 1;
      dropped(1);
      ctx.timeline.dropped(intended);
      continue;
    }
    totals.started += 1;
    ctx.busy.count += 1;
    track(
      inFlight,
      ctx.runner.run(vu, ctx.pickFlow(), intended).finally(() => {
        ctx.busy.count -= 1;
        free.push(vu);
      }),
    );
  }
  await drain(ctx, inFlight, ctx.startMs + scheduleLengthMs(executor) + durationMs(executor.gracefulStop));
  return totals;
}
