import { Worker } from 'node:worker_threads';
import { ConfigError } from '../../core/errors.ts';
import { MetricRegistry, type RegistrySnapshot } from '../../core/metrics/index.ts';
import { durationMs } from '../model/duration.ts';
import { isOpenModel } from '../model/executors.ts';
import type { Scenario } from '../model/scenario.ts';
import { mergeHealth, type GeneratorHealth } from './health.ts';
import { isLoopbackUrl } from './http-target.ts';
import { LOAD_METRICS } from './metrics.ts';
import type { ExecutorTotals } from './open-executor.ts';
import { runPartition, type AbortNotice, type PartitionInput, type PartitionResult } from './partition.ts';
import { scheduleLengthMs } from './schedule.ts';
import { mergeTimelines, type TimelinePoint } from './timeline.ts';

export interface LoadRunOptions {
  scenario: Scenario;
  /** The target's base URL (the edge); paths of steps are appended. */
  baseUrl: string;
  /** Generator threads; 1 runs in this thread. Each extra one is a worker thread with its own share. */
  workers?: number;
  signal?: AbortSignal;
  /** `timer` (default): sends up to ~1 ms late, cheap. `spin`: sub-ms precise sends, burns CPU while waiting. */
  scheduler?: 'timer' | 'spin';
  /** Greenlight only loads loopback targets unless told otherwise. */
  allowNonLoopback?: boolean;
}

export interface LoadAbort {
  by: 'threshold' | 'signal';
  detail: string;
  thresholds: string[];
}

export interface LoadRunResult {
  scenario: string;
  registry: MetricRegistry;
  timeline: TimelinePoint[];
  health: GeneratorHealth;
  totals: ExecutorTotals;
  vusMax: number;
  startedAtEpochMs: number;
  durationMs: number;
  aborted?: LoadAbort;
}

const START_DELAY_MS = 50;
const WATCHDOG_SLACK_MS = 30_000;

/** A registry whose counter rates divide by the time since `startMs` (monotonic). */
function registryFrom(snapshots: readonly RegistrySnapshot[], startMs: number): MetricRegistry {
  let first = true;
  const registry = new MetricRegistry(LOAD_METRICS, {
    trendSink: 'hdr',
    clock: { monotonic: () => (first ? ((first = false), startMs) : performance.now()) },
  });
  for (const snapshot of snapshots) registry.mergeSnapshot(snapshot);
  return registry;
}

/**
 * Runs a scenario against `baseUrl` with the embedded engine and returns its metrics (k6 names), the 1-second
 * timeline and the generator's health. abortOnFail thresholds are checked about every 2 s and stop the run early.
 */
export async function runLoad(options: LoadRunOptions): Promise<LoadRunResult> {
  const { scenario } = options;
  if (!options.allowNonLoopback && !isLoopbackUrl(options.baseUrl)) {
    throw new ConfigError('non_loopback_target', [{ path: 'baseUrl', message: `refusing to load ${options.baseUrl}: only loopback targets (127.0.0.1, localhost, ::1) are allowed here`, expected: 'http://127.0.0.1:<port>' }]);
  }
  const executor = scenario.executor;
  const vuBudget = isOpenModel(executor) ? executor.preAllocatedVUs : 'vus' in executor ? executor.vus : Number.MAX_SAFE_INTEGER;
  const parts = Math.max(1, Math.min(options.workers ?? 1, vuBudget));
  let startedAtEpochMs = 0;
  let startMono = performance.now();
  const barrier = startBarrier(parts, () => {
    startedAtEpochMs = Date.now() + START_DELAY_MS;
    startMono = performance.now() + START_DELAY_MS + durationMs(executor.startTime);
    return startedAtEpochMs;
  });
  let stopped = false;
  let aborted: LoadAbort | undefined;
  const stopAll = new Set<() => void>();
  const stop = (why: LoadAbort) => {
    if (stopped) return;
    stopped = true;
    aborted = why;
    for (const fn of stopAll) fn();
  };
  const onAbort = (notice: AbortNotice) => stop({ by: 'threshold', ...notice });
  const onSignal = () => stop({ by: 'signal', detail: 'the run was interrupted', thresholds: [] });
  if (options.signal?.aborted) onSignal();
  options.signal?.addEventListener('abort', onSignal, { once: true });
  const watchdogMs = START_DELAY_MS + durationMs(executor.startTime) + scheduleLengthMs(executor) + durationMs(executor.gracefulStop) + WATCHDOG_SLACK_MS;
  try {
    const inputs: PartitionInput[] = Array.from({ length: parts }, (_, part) => ({ scenario, baseUrl: options.baseUrl, part, parts, scheduler: options.scheduler ?? 'timer' }));
    const results = await withWatchdog(
      Promise.all(inputs.map((input) => (parts === 1 ? runPartition(input, { start: barrier, stopped: () => stopped, onAbort }) : runInWorker(input, barrier, stopAll, onAbort)))),
      watchdogMs,
      () => stop({ by: 'signal', detail: 'watchdog', thresholds: [] }),
    );
    const registry = registryFrom(results.map((r) => r.registry), startMono);
    const timeline = mergeTimelines(results.map((r) => r.timeline));
    const vusMax = results.reduce((sum, r) => sum + r.vusMax, 0);
    for (const point of timeline) registry.add('vus', point.vus, { scenario: scenario.name });
    registry.add('vus_max', vusMax, { scenario: scenario.name });
    const health = mergeHealth(results.map((r) => r.health));
    for (const r of results) registry.mergeSnapshot({ series: [{ name: 'generator_send_lag', tags: {}, sink: { type: 'trend', trend: r.health.sendLag } }] });
    registry.freeze();
    const totals = results.reduce<ExecutorTotals>((sum, r) => ({ scheduled: sum.scheduled + r.totals.scheduled, started: sum.started + r.totals.started, dropped: sum.dropped + r.totals.dropped }), { scheduled: 0, started: 0, dropped: 0 });
    const result: LoadRunResult = { scenario: scenario.name, registry, timeline, health, totals, vusMax, startedAtEpochMs, durationMs: registry.elapsedMs() };
    if (aborted) result.aborted = aborted;
    return result;
  } finally {
    options.signal?.removeEventListener('abort', onSignal);
  }
}

/** Every thread says when it is ready (compiled, imports loaded); the schedule starts once all are. */
function startBarrier(parts: number, decide: () => number): () => Promise<number> {
  let ready = 0;
  let release: (epochMs: number) => void = () => undefined;
  const started = new Promise<number>((resolve) => (release = resolve));
  return () => {
    ready += 1;
    if (ready === parts) release(decide());
    return started;
  };
}

function runInWorker(input: PartitionInput, start: () => Promise<number>, stopAll: Set<() => void>, onAbort: (notice: AbortNotice) => void): Promise<PartitionResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./worker.ts', import.meta.url), { workerData: input });
    const stop = () => worker.postMessage({ type: 'stop' });
    stopAll.add(stop);
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      stopAll.delete(stop);
      fn();
    };
    worker.on('message', (message: { type: 'ready' } | { type: 'abort'; notice: AbortNotice } | { type: 'done'; result: PartitionResult } | { type: 'error'; message: string }) => {
      if (message.type === 'ready') void start().then((epochMs) => worker.postMessage({ type: 'start', epochMs }));
      else if (message.type === 'abort') onAbort(message.notice);
      else if (message.type === 'done') finish(() => resolve(message.result));
      else finish(() => reject(new Error(`generator thread ${input.part} failed: ${message.message}`)));
    });
    worker.on('error', (error) => finish(() => reject(error)));
    worker.on('exit', (code) => finish(() => reject(new Error(`generator thread ${input.part} exited with code ${code} before reporting`))));
  });
}

async function withWatchdog<T>(work: Promise<T>, ms: number, onTimeout: () => void): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      onTimeout();
      reject(new Error(`load run did not finish within ${ms} ms (watchdog)`));
    }, ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
