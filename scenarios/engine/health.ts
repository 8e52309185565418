import { monitorEventLoopDelay } from 'node:perf_hooks';
import { HdrTrendSink, type HdrTrendSnapshot } from '../../core/metrics/index.ts';

const LOOP_RESOLUTION_MS = 10;

/** One generator thread's view of its own health. */
export interface HealthSnapshot {
  sendLag: HdrTrendSnapshot;
  eventLoopDelay: { p50: number; p99: number; max: number } | null;
}

/** The generator's health over the run: could it keep its schedule? */
export interface GeneratorHealth {
  sendLagMs: { p50: number; p99: number; max: number; samples: number } | null;
  /** The worst thread's event-loop delay in ms (the sampling interval subtracted). */
  eventLoopDelayMs: { p50: number; p99: number; max: number } | null;
  threads: number;
}

export class HealthMonitor {
  readonly sendLag = new HdrTrendSink();
  readonly #loop: ReturnType<typeof monitorEventLoopDelay> = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });

  start(): void {
    this.#loop.enable();
  }

  stop(): void {
    this.#loop.disable();
  }

  snapshot(): HealthSnapshot {
    const ms = (ns: number) => Math.max(0, ns / 1e6 - LOOP_RESOLUTION_MS);
    const loop = this.#loop.count > 0 ? { p50: ms(this.#loop.percentile(50)), p99: ms(this.#loop.percentile(99)), max: ms(this.#loop.max) } : null;
    return { sendLag: this.sendLag.snapshot(), eventLoopDelay: loop };
  }
}

export function mergeHealth(snapshots: readonly HealthSnapshot[]): GeneratorHealth {
  const lag = new HdrTrendSink();
  for (const snapshot of snapshots) lag.merge(HdrTrendSink.fromSnapshot(snapshot.sendLag));
  const loops = snapshots.flatMap((snapshot) => (snapshot.eventLoopDelay ? [snapshot.eventLoopDelay] : []));
  const worst = loops.reduce<GeneratorHealth['eventLoopDelayMs']>((acc, loop) => (!acc || loop.p99 > acc.p99 ? loop : acc), null);
  return {
    sendLagMs: lag.count() > 0 ? { p50: lag.percentile(50) ?? 0, p99: lag.percentile(99) ?? 0, max: lag.max() ?? 0, samples: lag.count() } : null,
    eventLoopDelayMs: worst,
    threads: snapshots.length,
  };
}
