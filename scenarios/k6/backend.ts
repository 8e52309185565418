import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { durationMs } from '../model/duration.ts';
import type { Scenario } from '../model/scenario.ts';
import { scheduleLengthMs } from '../engine/schedule.ts';
import type { MetricSource } from '../../core/metrics.ts';
import type { LoadObservation, LoadSummary } from '../stage/observation.ts';
import { latencyOf } from '../stage/summarize.ts';
import { renderK6Script } from './render-script.ts';
import { isK6LegacySummary, K6_TREND_STATS, k6SummarySource } from './summary.ts';

export interface K6RunOptions {
  scenario: Scenario;
  baseUrl: string;
  /** The k6 executable; default `k6` on PATH. */
  k6Path?: string;
  /** Where the script and the summary are written. */
  workDir: string;
  signal?: AbortSignal;
}

/** k6's exit code when thresholds failed: the run itself is valid. */
const THRESHOLDS_FAILED = 99;
const SLACK_MS = 60_000;

/** Runs the scenario with k6 (`k6 run --summary-export`) and maps its summary to the embedded engine's observation. */
export async function runK6Backend(options: K6RunOptions): Promise<LoadObservation> {
  const { scenario } = options;
  mkdirSync(options.workDir, { recursive: true });
  const script = join(options.workDir, `${scenario.name}.k6.ts`);
  const summaryFile = join(options.workDir, `${scenario.name}.k6-summary.json`);
  writeFileSync(script, renderK6Script(scenario));
  const executor = scenario.executor;
  const timeout = durationMs(executor.startTime) + scheduleLengthMs(executor) + durationMs(executor.gracefulStop) + SLACK_MS;
  const startedAt = Date.now();
  const result = await execa(options.k6Path ?? 'k6', ['run', '--quiet', '--summary-export', summaryFile, '--summary-trend-stats', K6_TREND_STATS, '-e', `BASE_URL=${options.baseUrl}`, script], {
    reject: false,
    timeout,
    cancelSignal: options.signal,
    env: { K6_NO_USAGE_REPORT: 'true' },
  });
  const endedAt = Date.now();
  const base = { backend: 'k6' as const, scenario: scenario.name, executor: executor.executor, target: options.baseUrl };
  if (result.failed && result.exitCode !== THRESHOLDS_FAILED) {
    const why = result.isCanceled ? 'k6 was interrupted' : result.timedOut ? `k6 did not finish within ${timeout} ms` : `k6 failed (${result.exitCode ?? result.signal ?? 'no exit code'}): ${String(result.stderr).slice(-400) || result.shortMessage}`;
    return { summary: emptySummary(base, why) };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(summaryFile, 'utf8'));
  } catch (error) {
    return { summary: emptySummary(base, `k6 wrote no readable summary to ${summaryFile}: ${(error as Error).message}`) };
  }
  if (!isK6LegacySummary(parsed)) return { summary: emptySummary(base, `${summaryFile} is not a k6 summary export (no "metrics" object)`) };
  const metrics = k6SummarySource(parsed);
  const summary = k6LoadSummary(metrics, base, { startMs: startedAt, endMs: endedAt });
  if (result.exitCode === THRESHOLDS_FAILED && String(result.stderr).includes('aborted')) {
    summary.aborted = { by: 'threshold', detail: 'k6 stopped the run: a threshold with abortOnFail failed', thresholds: [] };
  }
  return { metrics, summary };
}

type SummaryBase = Pick<LoadSummary, 'backend' | 'scenario' | 'executor' | 'target'>;

/** The load summary of a k6 run, from its summary as a metric source. */
export function k6LoadSummary(metrics: MetricSource, base: SummaryBase, window: { startMs: number; endMs: number; durationMs?: number }): LoadSummary {
  const count = (name: string) => metrics.aggregate({ name, tags: {} }, 'count') ?? 0;
  const rate = (name: string) => metrics.aggregate({ name, tags: {} }, 'rate') ?? null;
  // k6 only reports dropped_iterations when some were dropped.
  const dropped = count('dropped_iterations');
  return {
    ...base,
    loadStartMs: window.startMs,
    loadEndMs: window.endMs,
    durationMs: window.durationMs ?? window.endMs - window.startMs,
    requests: count('http_reqs'),
    iterations: count('iterations'),
    scheduled: count('iterations') + dropped,
    dropped,
    vusMax: metrics.aggregate({ name: 'vus_max', tags: {} }, 'value') ?? 0,
    latencyMs: latencyOf(metrics),
    failedRate: rate('http_req_failed'),
    serverErrorRate: rate('http_req_server_errors'),
    timeline: [],
    generator: null,
  };
}

export function emptySummary(base: SummaryBase, why: string): LoadSummary {
  return {
    ...base, unavailable: why, loadStartMs: null, loadEndMs: null, durationMs: null, requests: 0, iterations: 0, scheduled: 0, dropped: 0, vusMax: 0,
    latencyMs: { p50: null, p90: null, p95: null, p99: null, 'p99.9': null, max: null, avg: null }, failedRate: null, serverErrorRate: null, timeline: [], generator: null,
  };
}
