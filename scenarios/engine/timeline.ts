import { HdrTrendSink, type HdrTrendSnapshot } from '../../core/metrics/index.ts';

/** One second of a run, as charted in the report. */
export interface TimelinePoint {
  /** Seconds since the start of the run. */
  t: number;
  requests: number;
  failed: number;
  dropped: number;
  iterations: number;
  /** Most VUs busy (open model) or running (closed model) during the second. */
  vus: number;
  p50: number | null;
  p95: number | null;
  p99: number | null;
  max: number | null;
}

interface Bucket {
  requests: number;
  failed: number;
  dropped: number;
  iterations: number;
  vus: number;
  latency: HdrTrendSink;
}

export type TimelineSnapshot = Array<Omit<Bucket, 'latency'> & { t: number; latency: HdrTrendSnapshot }>;

const MAX_SECONDS = 6 * 3600 + 600;

/** Per-second counts and latency histograms, mergeable across generator threads. */
export class Timeline {
  readonly #buckets = new Map<number, Bucket>();
  #startMs = 0;

  start(startMs: number): void {
    this.#startMs = startMs;
  }

  #bucket(atMs: number): Bucket {
    const t = Math.min(MAX_SECONDS, Math.max(0, Math.floor((atMs - this.#startMs) / 1000)));
    let bucket = this.#buckets.get(t);
    if (!bucket) {
      bucket = { requests: 0, failed: 0, dropped: 0, iterations: 0, vus: 0, latency: new HdrTrendSink() };
      this.#buckets.set(t, bucket);
    }
    return bucket;
  }

  request(atMs: number, latencyMs: number, failed: boolean): void {
    const bucket = this.#bucket(atMs);
    bucket.requests += 1;
    if (failed) bucket.failed += 1;
    bucket.latency.add(latencyMs);
  }

  dropped(atMs: number): void {
    this.#bucket(atMs).dropped += 1;
  }

  iteration(atMs: number): void {
    this.#bucket(atMs).iterations += 1;
  }

  vus(atMs: number, active: number): void {
    const bucket = this.#bucket(atMs);
    bucket.vus = Math.max(bucket.vus, active);
  }

  snapshot(): TimelineSnapshot {
    return [...this.#buckets].map(([t, bucket]) => ({ ...bucket, t, latency: bucket.latency.snapshot() }));
  }
}

/** Sums the threads' seconds (VUs add up: each thread has its own); latency percentiles from merged histograms. */
export function mergeTimelines(snapshots: readonly TimelineSnapshot[]): TimelinePoint[] {
  const merged = new Map<number, Omit<Bucket, 'latency'> & { latency: HdrTrendSink }>();
  for (const snapshot of snapshots) {
    for (const entry of snapshot) {
      const into = merged.get(entry.t) ?? { requests: 0, failed: 0, dropped: 0, iterations: 0, vus: 0, latency: new HdrTrendSink() };
      into.requests += entry.requests;
      into.failed += entry.failed;
      into.dropped += entry.dropped;
      into.iterations += entry.iterations;
      into.vus += entry.vus;
      into.latency.merge(HdrTrendSink.fromSnapshot(entry.latency));
      merged.set(entry.t, into);
    }
  }
  const last = Math.max(-1, ...merged.keys());
  const points: TimelinePoint[] = [];
  for (let t = 0; t <= last; t++) {
    const bucket = merged.get(t);
    const at = (p: number) => round(bucket?.latency.percentile(p));
    points.push({
      t,
      requests: bucket?.requests ?? 0,
      failed: bucket?.failed ?? 0,
      dropped: bucket?.dropped ?? 0,
      iterations: bucket?.iterations ?? 0,
      vus: bucket?.vus ?? 0,
      p50: at(50),
      p95: at(95),
      p99: at(99),
      max: round(bucket?.latency.max()),
    });
  }
  return points;
}

function round(value: number | undefined): number | null {
  return value === undefined ? null : Math.round(value * 1000) / 1000;
}
