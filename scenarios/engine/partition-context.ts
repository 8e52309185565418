import { setImmediate as yieldToLoop, setTimeout as sleep } from 'node:timers/promises';
import type { MetricRegistry } from '../../core/metrics/index.ts';
import type { Scenario } from '../model/scenario.ts';
import type { VirtualUser } from './iteration.ts';
import { IterationRunner } from './iteration.ts';
import type { Timeline } from './timeline.ts';

/** What an executor loop needs in one generator thread. */
export interface PartitionContext {
  scenario: Scenario;
  /** `timer` wakes on setTimeout (≤ ~1 ms late, cheap); `spin` spins on setImmediate for the last ms (precise, burns a core). */
  scheduler: 'timer' | 'spin';
  part: number;
  parts: number;
  /** Monotonic ms of the run's start (shared across threads through the wall clock). */
  startMs: number;
  now: () => number;
  registry: MetricRegistry;
  timeline: Timeline;
  runner: IterationRunner;
  pickFlow: () => number;
  /** Set when the run must stop starting iterations (abort, signal). */
  stopped: () => boolean;
  /** Hard deadline passed: in-flight requests are aborted. */
  hardStop: () => void;
  /** Every VU created, for the VU gauge and its busy count. */
  vus: VirtualUser[];
  busy: { count: number };
}

export function newVirtualUser(ctx: PartitionContext): VirtualUser {
  // Globally unique ids across threads, 1-based like k6's __VU.
  const vu: VirtualUser = { id: ctx.vus.length * ctx.parts + ctx.part + 1, iterations: 0, ready: false, vars: { ...ctx.scenario.variables }, retired: false };
  ctx.vus.push(vu);
  return vu;
}

/**
 * Waits until monotonic `due`. `timer`: setTimeout only, so sends are up to ~1 ms late (and carry their intended time);
 * `spin`: a timer until ~1 ms before, then setImmediate turns — precise, but on a small machine the spinning takes
 * CPU from the platform under test.
 */
export async function waitUntil(ctx: PartitionContext, due: number): Promise<void> {
  for (;;) {
    const left = due - ctx.now();
    if (left <= 0 || ctx.stopped()) return;
    if (ctx.scheduler === 'timer') await sleep(Math.max(1, Math.min(left, 100)));
    else if (left > 2) await sleep(Math.min(left - 1, 100));
    else await yieldToLoop();
  }
}

/** Lets in-flight iterations finish until `deadline`, then aborts what is left and waits for it to settle. */
export async function drain(ctx: PartitionContext, inFlight: Set<Promise<void>>, deadline: number): Promise<void> {
  while (inFlight.size > 0 && ctx.now() < deadline) {
    await Promise.race([Promise.race(inFlight), sleep(Math.max(1, Math.min(100, deadline - ctx.now())))]);
  }
  if (inFlight.size > 0) {
    ctx.hardStop();
    await Promise.allSettled([...inFlight]);
  }
}

export function track(inFlight: Set<Promise<void>>, work: Promise<void>): void {
  const settled = work.catch(() => undefined).finally(() => inFlight.delete(settled));
  inFlight.add(settled);
}
