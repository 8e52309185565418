import type { EnumerableMetricSource } from '../../core/metrics/index.ts';
import type { Observation } from '../../core/stage.ts';
import type { GeneratorHealth } from '../engine/health.ts';
import type { LoadAbort } from '../engine/run-load.ts';
import type { TimelinePoint } from '../engine/timeline.ts';
import type { ReplicaSample } from './autoscaling.ts';

export interface LatencySummary {
  p50: number | null;
  p90: number | null;
  p95: number | null;
  p99: number | null;
  'p99.9': number | null;
  max: number | null;
  avg: number | null;
}

/** JSON-safe: what the report keeps of a load run. */
export interface LoadSummary extends Record<string, unknown> {
  backend: 'auto' | 'embedded' | 'k6' | 'k6-operator';
  scenario: string;
  executor: string;
  target: string | null;
  /** Why nothing could be measured, when nothing was. */
  unavailable?: string;
  loadStartMs: number | null;
  loadEndMs: number | null;
  durationMs: number | null;
  requests: number;
  iterations: number;
  scheduled: number;
  dropped: number;
  vusMax: number;
  latencyMs: LatencySummary;
  failedRate: number | null;
  serverErrorRate: number | null;
  timeline: TimelinePoint[];
  /** null when the backend cannot measure it (k6). */
  generator: GeneratorHealth | null;
  aborted?: LoadAbort;
  replicas?: { history: ReplicaSample[] } | { error: string };
}

export interface LoadObservation extends Observation {
  metrics?: EnumerableMetricSource;
  summary: LoadSummary;
}
