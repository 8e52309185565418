import type { Pool } from '../environment.ts';
import type { AutoscalerConfig, AutoscalerMetric } from './config.ts';
import type { EdgeInstanceState, EdgeState } from './edge-client.ts';
import type { HpaConfig, Recommendation, ScaleEvent } from './hpa.ts';
import { decideReplicas } from './hpa.ts';

export interface AutoscalerSample {
  t: number;
  replicas: number;
  /** The per-instance signal (config.metric) over the last period; null when it could not be read. */
  metric: number | null;
  desired: number;
  reason: string;
}

/** What the loop needs from the replica: a real signal in, a scaling action out. */
export interface ScaleTarget {
  replicas(pool: Pool): number;
  edgeState(): Promise<EdgeState>;
  scale(pool: Pool, replicas: number): Promise<void>;
}

const HISTORY_LIMIT = 3_600;

/** Mean in-flight requests per instance of the pool, as the edge sees it. */
export function meanInFlight(state: EdgeState, pool: Pool): number | undefined {
  const instances = state.pools[pool] ?? [];
  if (instances.length === 0) return undefined;
  const total = instances.reduce((sum, i) => sum + (Number.isFinite(i.inFlight) ? i.inFlight : Number.NaN), 0);
  return Number.isFinite(total) ? total / instances.length : undefined;
}

/**
 * The pool's per-instance signal over the time since the previous reading, from the edge's counters:
 * `concurrency` is the mean in-flight requests (the busy-time integral, as Knative's autoscaler averages it), `rps` the
 * requests per second (Knative's rps target, or an HPA on a requests-per-second custom metric). Averaging keeps a
 * steady load steady, where an instant in-flight count swings between 0 and a momentary pile-up. The first reading,
 * or an edge without the counters, gives the instant in-flight mean.
 */
export class PoolSignalMeter {
  private readonly metric: AutoscalerMetric;
  private readonly windowMs: number;
  private readings: { t: number; counters: Map<string, number> }[] = [];

  /** windowMs: how far back the average reaches (at least the previous reading), like a metrics pipeline's window. */
  constructor(metric: AutoscalerMetric, windowMs = 0) {
    this.metric = metric;
    this.windowMs = windowMs;
  }

  read(state: EdgeState, pool: Pool, now: number): number | undefined {
    const instances = state.pools[pool] ?? [];
    const counterOf = (i: EdgeInstanceState) => (this.metric === 'rps' ? i.requests : i.busyMs);
    const counters = instances.every((i) => Number.isFinite(counterOf(i))) ? new Map(instances.map((i) => [i.id, counterOf(i)!])) : undefined;
    const earlier = this.readings.filter((r) => r.t < now);
    const from = earlier.find((r) => r.t >= now - this.windowMs) ?? earlier.at(-1);
    this.readings = counters ? [...earlier.filter((r) => r.t >= now - this.windowMs), { t: now, counters }] : [];
    if (!counters || !from || instances.length === 0) return meanInFlight(state, pool);
    let total = 0;
    for (const [id, value] of counters) total += value - (from.counters.get(id) ?? 0);
    const perMs = Math.max(0, total) / (now - from.t) / instances.length;
    return this.metric === 'rps' ? perMs * 1000 : perMs;
  }
}

/** A thin loop around decideReplicas: sample, decide, act, remember. */
export class Autoscaler {
  readonly config: AutoscalerConfig;
  private readonly target: ScaleTarget;
  private readonly history: AutoscalerSample[] = [];
  private recommendations: Recommendation[] = [];
  private readonly scaleEvents: ScaleEvent[] = [];
  private timer: NodeJS.Timeout | undefined;
  private busy = false;
  /** A scale in progress: sampling goes on (the stabilization window needs every tick), acting waits. */
  private scaling: Promise<void> | undefined;
  private lastError: string | undefined;
  private readonly meter: PoolSignalMeter;

  constructor(config: AutoscalerConfig, target: ScaleTarget) {
    this.config = config;
    this.target = target;
    this.meter = new PoolSignalMeter(config.metric, config.windowMs);
  }

  start(): void {
    if (!this.config.enabled || this.timer) return;
    this.timer = setInterval(() => void this.tick(), this.config.periodMs);
  }

  /** Stops sampling and waits for a scale in progress. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.scaling;
  }

  /** Resolves when no scale is in progress. */
  async settled(): Promise<void> {
    await this.scaling;
  }

  snapshot() {
    return { config: this.config, history: [...this.history], lastError: this.lastError };
  }

  async tick(now = Date.now()): Promise<AutoscalerSample | undefined> {
    if (this.busy) return undefined;
    this.busy = true;
    try {
      const pool = this.config.pool;
      const current = this.target.replicas(pool);
      let metric: number | undefined;
      try {
        metric = this.meter.read(await this.target.edgeState(), pool, now);
      } catch (error) {
        this.lastError = String(error);
      }
      const decision = decideReplicas({
        now,
        current,
        metric,
        config: this.hpaConfig(),
        recommendations: this.recommendations,
        scaleEvents: this.scaleEvents,
      });
      this.recommendations = decision.recommendations;
      const sample: AutoscalerSample = { t: now, replicas: current, metric: metric ?? null, desired: decision.desired, reason: decision.reason };
      this.history.push(sample);
      if (this.history.length > HISTORY_LIMIT) this.history.shift();
      if (decision.desired !== current && !this.scaling) {
        this.scaleEvents.push({ t: now, from: current, to: decision.desired });
        this.scaling = this.target
          .scale(pool, decision.desired)
          .catch((error: unknown) => {
            this.lastError = String(error);
          })
          .finally(() => {
            this.scaling = undefined;
          });
      }
      return sample;
    } catch (error) {
      this.lastError = String(error);
      return undefined;
    } finally {
      this.busy = false;
    }
  }

  private hpaConfig(): HpaConfig {
    const c = this.config;
    return {
      minReplicas: c.minReplicas,
      maxReplicas: c.maxReplicas,
      target: c.target,
      tolerance: c.tolerance,
      scaleDownStabilizationMs: c.scaleDownStabilizationMs,
      scaleUpStabilizationMs: c.scaleUpStabilizationMs,
      scaleUp: c.scaleUp,
    };
  }
}
