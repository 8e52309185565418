/**
 * The HorizontalPodAutoscaler algorithm (autoscaling/v2 behaviour), as a pure function of the current
 * replica count, the metric, the config and the recent past.
 */
export interface HpaConfig {
  minReplicas: number;
  maxReplicas: number;
  /** Desired metric value per instance. */
  target: number;
  /** No action while |metric/target − 1| ≤ tolerance. */
  tolerance: number;
  /** Scale down to the highest recommendation seen within this window. */
  scaleDownStabilizationMs: number;
  /** Scale up to the lowest recommendation seen within this window (0: act on the current one). */
  scaleUpStabilizationMs: number;
  /** Scale up by at most max(pods, percent% of the replicas at the start of the period) per period. */
  scaleUp: { pods: number; percent: number; periodMs: number };
}

export const DEFAULT_HPA_CONFIG: HpaConfig = {
  minReplicas: 1,
  maxReplicas: 10,
  target: 5,
  tolerance: 0.1,
  scaleDownStabilizationMs: 300_000,
  scaleUpStabilizationMs: 0,
  scaleUp: { pods: 4, percent: 100, periodMs: 15_000 },
};

export interface Recommendation {
  t: number;
  replicas: number;
}

export interface ScaleEvent {
  t: number;
  from: number;
  to: number;
}

export interface HpaInput {
  now: number;
  current: number;
  /** Undefined when the metric could not be read: no action. */
  metric: number | undefined;
  config: HpaConfig;
  recommendations: readonly Recommendation[];
  scaleEvents: readonly ScaleEvent[];
}

export type HpaReason =
  | 'no-metric'
  | 'within-tolerance'
  | 'scale-up'
  | 'scale-up-limited'
  | 'scale-up-stabilized'
  | 'scale-down'
  | 'scale-down-stabilized'
  | 'clamped-min'
  | 'clamped-max';

export interface HpaDecision {
  desired: number;
  /** The raw recommendation (ceil(current × metric / target)), before stabilization and limits. */
  recommendation: number;
  reason: HpaReason;
  /** Recommendations still inside the stabilization window, including this one: feed back next time. */
  recommendations: Recommendation[];
}

export function rawRecommendation(current: number, metric: number, config: Pick<HpaConfig, 'target' | 'tolerance'>): number {
  if (current === 0) return metric > 0 ? 1 : 0;
  const ratio = metric / config.target;
  // The epsilon keeps a ratio of exactly 1 ± tolerance inside the band despite float rounding.
  if (Math.abs(ratio - 1) <= config.tolerance + 1e-9) return current;
  return Math.ceil(current * ratio);
}

function scaleUpLimit(input: HpaInput): number {
  const { now, current, config } = input;
  const since = now - config.scaleUp.periodMs;
  const addedInPeriod = input.scaleEvents.filter((e) => e.t > since && e.to > e.from).reduce((sum, e) => sum + (e.to - e.from), 0);
  const periodStart = Math.max(0, current - addedInPeriod);
  const byPods = periodStart + config.scaleUp.pods;
  const byPercent = Math.ceil(periodStart * (1 + config.scaleUp.percent / 100));
  return Math.max(byPods, byPercent);
}

export function decideReplicas(input: HpaInput): HpaDecision {
  const { now, current, metric, config } = input;
  const kept = input.recommendations.filter((r) => r.t > now - Math.max(config.scaleDownStabilizationMs, config.scaleUpStabilizationMs));
  if (metric === undefined || !Number.isFinite(metric)) {
    return { desired: clamp(current, config), recommendation: current, reason: 'no-metric', recommendations: kept };
  }
  const recommendation = rawRecommendation(current, metric, config);
  const recommendations = [...kept, { t: now, replicas: recommendation }];
  let desired = current;
  let reason: HpaReason = 'within-tolerance';
  if (recommendation > current) {
    const stabilized = Math.min(...recommendations.filter((r) => r.t >= now - config.scaleUpStabilizationMs).map((r) => r.replicas));
    desired = Math.max(current, Math.min(stabilized, scaleUpLimit(input)));
    reason = stabilized <= current ? 'scale-up-stabilized' : desired < recommendation ? 'scale-up-limited' : 'scale-up';
  } else if (recommendation < current) {
    const stabilized = Math.max(...recommendations.filter((r) => r.t > now - config.scaleDownStabilizationMs).map((r) => r.replicas));
    desired = Math.min(current, stabilized);
    reason = desired === current ? 'scale-down-stabilized' : 'scale-down';
  }
  const clamped = clamp(desired, config);
  if (clamped > desired) reason = 'clamped-min';
  if (clamped < desired) reason = 'clamped-max';
  return { desired: clamped, recommendation, reason, recommendations };
}

function clamp(replicas: number, config: HpaConfig): number {
  return Math.min(config.maxReplicas, Math.max(config.minReplicas, replicas));
}
