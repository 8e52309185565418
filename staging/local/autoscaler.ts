import type { Pool } from '../environment.ts';
import type { AutoscalerConfig } from './config.ts';
import type { EdgeState } from './edge-client.ts';
import type { HpaConfig, Recommendation, ScaleEvent } from './hpa.ts';
import { decideReplicas } from './hpa.ts';

export interface AutoscalerSample {
  t: number;
  replicas: number;
  /** Mean in-flight requests per instance; null when it could not be read. */
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

  constructor(config: AutoscalerConfig, target: ScaleTarget) {
    this.config = config;
    this.target = target;
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
        metric = meanInFlight(await this.target.edgeState(), pool);
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
      scaleUp: c.scaleUp,
    };
  }
}
