import type { TimelinePoint } from '../engine/timeline.ts';

/** One reading of the pool's size (the local autoscaler's history, or an HPA's status over time). */
export interface ReplicaSample {
  /** Wall-clock ms. */
  t: number;
  replicas: number;
  /** The autoscaler's signal per instance at that reading (its metric, e.g. requests per second), when it tells. */
  metric?: number;
}

export interface AutoscalingWindow {
  /** Wall-clock ms when the load started and ended. */
  loadStartMs: number;
  loadEndMs: number;
  expectedReplicas: number;
}

/** What the replica history shows about one load run; times are ms after the load started/ended. */
export interface AutoscalingObservation {
  samples: number;
  /** Replicas at the start of the load (the last reading at or before it). */
  startReplicas: number | null;
  peakReplicas: number | null;
  /** First time the pool had at least the expected replicas, ms after the load started. */
  scaledOutAfterMs: number | null;
  /** First time after the load ended that the pool was below its peak, ms after the load ended. */
  scaledInAfterMs: number | null;
  /** The history's last reading, ms after the load ended (how long after the load we could see). */
  observedUntilAfterEndMs: number | null;
  /** The history starts at or before the load did (or within START_GRACE_MS after). */
  coversStart: boolean;
}

/** A history whose first reading comes this soon after the load started still shows the starting size (samplers tick ~1/s). */
export const START_GRACE_MS = 5_000;

/** Pure: reads scale-out and scale-in timing off a replica-count history. */
export function observeAutoscaling(history: readonly ReplicaSample[], window: AutoscalingWindow): AutoscalingObservation {
  const sorted = [...history].filter((s) => Number.isFinite(s.t) && Number.isFinite(s.replicas)).sort((a, b) => a.t - b.t);
  const empty: AutoscalingObservation = { samples: 0, startReplicas: null, peakReplicas: null, scaledOutAfterMs: null, scaledInAfterMs: null, observedUntilAfterEndMs: null, coversStart: false };
  if (sorted.length === 0) return empty;
  const before = sorted.filter((s) => s.t <= window.loadStartMs);
  const first = before.at(-1) ?? sorted.find((s) => s.t <= window.loadStartMs + START_GRACE_MS);
  const startReplicas = first?.replicas ?? null;
  const during = sorted.filter((s) => s.t >= window.loadStartMs && s.t <= window.loadEndMs);
  const relevant = [...(before.length > 0 ? [before.at(-1)!] : []), ...during];
  const peak = relevant.length > 0 ? Math.max(...relevant.map((s) => s.replicas)) : null;
  const reached = sorted.find((s) => s.t >= window.loadStartMs && s.replicas >= window.expectedReplicas);
  const scaledIn = peak === null ? undefined : sorted.find((s) => s.t > window.loadEndMs && s.replicas < peak);
  const last = sorted.at(-1)!;
  return {
    samples: sorted.length,
    startReplicas,
    peakReplicas: peak,
    scaledOutAfterMs: reached ? reached.t - window.loadStartMs : null,
    scaledInAfterMs: scaledIn ? scaledIn.t - window.loadEndMs : null,
    observedUntilAfterEndMs: last.t - window.loadEndMs,
    coversStart: first !== undefined,
  };
}

/**
 * The median of the per-second p95 latencies from `fromS` to `toS` (seconds of the run): "is p95 back under the
 * SLO after the scale-out". null when fewer than `minSeconds` seconds had requests.
 */
export function p95After(timeline: readonly TimelinePoint[], fromS: number, toS: number, minSeconds = 3): { value: number; seconds: number } | null {
  const values = timeline
    .filter((p) => p.t >= fromS && p.t < toS && p.p95 !== null && p.requests > 0)
    .map((p) => p.p95 as number)
    .sort((a, b) => a - b);
  if (values.length < minSeconds) return null;
  const mid = Math.floor(values.length / 2);
  const value = values.length % 2 === 1 ? values[mid]! : (values[mid - 1]! + values[mid]!) / 2;
  return { value, seconds: values.length };
}
