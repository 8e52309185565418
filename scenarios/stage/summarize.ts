import type { MetricSource } from '../../core/metrics.ts';
import type { LoadRunResult } from '../engine/run-load.ts';
import type { LatencySummary, LoadSummary } from './observation.ts';

const LATENCY_METHODS = [['p50', 'p(50)'], ['p90', 'p(90)'], ['p95', 'p(95)'], ['p99', 'p(99)'], ['p99.9', 'p(99.9)'], ['max', 'max'], ['avg', 'avg']] as const;

export function latencyOf(metrics: MetricSource): LatencySummary {
  const key = { name: 'http_req_duration', tags: {} };
  const out = {} as LatencySummary;
  for (const [field, method] of LATENCY_METHODS) {
    const value = metrics.aggregate(key, method);
    out[field] = value === undefined ? null : Math.round(value * 1000) / 1000;
  }
  return out;
}

function rateOf(metrics: MetricSource, name: string): number | null {
  return metrics.aggregate({ name, tags: {} }, 'rate') ?? null;
}

function countOf(metrics: MetricSource, name: string): number {
  return metrics.aggregate({ name, tags: {} }, 'count') ?? 0;
}

/** The JSON-safe summary of an embedded-engine run. */
export function summarizeRun(result: LoadRunResult, executor: string, target: string): LoadSummary {
  const metrics = result.registry;
  const summary: LoadSummary = {
    backend: 'embedded',
    scenario: result.scenario,
    executor,
    target,
    loadStartMs: result.startedAtEpochMs,
    loadEndMs: result.startedAtEpochMs + result.durationMs,
    durationMs: Math.round(result.durationMs),
    requests: countOf(metrics, 'http_reqs'),
    iterations: countOf(metrics, 'iterations'),
    scheduled: result.totals.scheduled,
    dropped: result.totals.dropped,
    vusMax: result.vusMax,
    latencyMs: latencyOf(metrics),
    failedRate: rateOf(metrics, 'http_req_failed'),
    serverErrorRate: rateOf(metrics, 'http_req_server_errors'),
    timeline: result.timeline,
    generator: result.health,
  };
  if (result.aborted) summary.aborted = result.aborted;
  return summary;
}
