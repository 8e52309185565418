import type { RegistrySnapshot } from '../../core/metrics/index.ts';
import { shouldAbort, thresholdItems } from '../../core/thresholds/index.ts';
import type { Scenario } from '../model/scenario.ts';
import { durationMs } from '../model/duration.ts';
import { isOpenModel } from '../model/executors.ts';
import { runClosedModel } from './closed-executor.ts';
import { compileFlows, flowPicker } from './compiled-flow.ts';
import { HealthMonitor, type HealthSnapshot } from './health.ts';
import { createHttpTarget } from './http-target.ts';
import { IterationRunner } from './iteration.ts';
import { newLoadRegistry } from './metrics.ts';
import { runOpenModel, type ExecutorTotals } from './open-executor.ts';
import type { PartitionContext } from './partition-context.ts';
import { Timeline, type TimelineSnapshot } from './timeline.ts';
import { setTimeout as sleep } from 'node:timers/promises';

export interface PartitionInput {
  scenario: Scenario;
  baseUrl: string;
  part: number;
  parts: number;
  scheduler: 'timer' | 'spin';
}

export interface PartitionResult {
  registry: RegistrySnapshot;
  timeline: TimelineSnapshot;
  health: HealthSnapshot;
  totals: ExecutorTotals;
  vusMax: number;
}

export interface PartitionHooks {
  /** Resolves to the wall-clock ms at which the schedule starts, once every thread is ready (threads share it). */
  start: () => Promise<number>;
  stopped: () => boolean;
  /** An abortOnFail threshold failed on this thread's metrics (checked about every 2 s). */
  onAbort: (decision: AbortNotice) => void;
}

export interface AbortNotice {
  detail: string;
  thresholds: string[];
}

/** k6 checks abortOnFail thresholds every 2 s. */
const ABORT_CHECK_EVERY_MS = 2_000;

/** Snapshots cost an HDR encoding per series: take them only when an abortOnFail threshold needs them. */
export function watchesProgress(scenario: Scenario): boolean {
  return thresholdItems(scenario.thresholds).some((item) => item.abortOnFail);
}
const VU_SAMPLE_EVERY_MS = 200;

/** Runs one generator thread's share of a scenario. Same code inline and in a worker thread. */
export async function runPartition(input: PartitionInput, hooks: PartitionHooks): Promise<PartitionResult> {
  const { scenario } = input;
  const executor = scenario.executor;
  const now = () => performance.now();
  const registry = newLoadRegistry();
  const timeline = new Timeline();
  const health = new HealthMonitor();
  const maxVUs = isOpenModel(executor) ? (executor.maxVUs ?? executor.preAllocatedVUs) : 'vus' in executor ? executor.vus : Math.max(executor.startVUs, ...executor.stages.map((s) => s.target));
  const connections = scenario.connections ?? Math.max(1, Math.min(256, Math.ceil(maxVUs / input.parts)));
  const http = createHttpTarget(input.baseUrl, { connections, timeoutMs: durationMs(scenario.requestTimeout) });
  let hardStopped = false;
  const flows = compileFlows(scenario);
  const startEpochMs = await hooks.start();
  const startMs = now() + (startEpochMs - Date.now()) + durationMs(executor.startTime);
  timeline.start(startMs);
  const ctx: PartitionContext = {
    scenario,
    scheduler: input.scheduler,
    part: input.part,
    parts: input.parts,
    startMs,
    now,
    registry,
    timeline,
    runner: new IterationRunner({ scenario: scenario.name, flows, http, registry, timeline, health, now, sleep: (ms) => sleep(ms), hardStopped: () => hardStopped }),
    pickFlow: flowPicker(scenario),
    stopped: hooks.stopped,
    hardStop: () => {
      hardStopped = true;
      http.abortAll();
    },
    vus: [],
    busy: { count: 0 },
  };
  const sampler = setInterval(() => timeline.vus(now(), ctx.busy.count), VU_SAMPLE_EVERY_MS);
  // Each thread judges its own share (as k6-operator runners do): no snapshots cross threads while running.
  const abortCheck = watchesProgress(scenario)
    ? setInterval(() => {
        const decisions = shouldAbort(scenario.thresholds, registry, now() - startMs);
        if (decisions.length > 0) hooks.onAbort({ detail: decisions.map((d) => d.check.message).join('; '), thresholds: decisions.map((d) => d.id) });
      }, ABORT_CHECK_EVERY_MS)
    : undefined;
  health.start();
  try {
    const totals = isOpenModel(executor) ? await runOpenModel(ctx, executor) : await runClosedModel(ctx, executor);
    return { registry: registry.snapshot(), timeline: timeline.snapshot(), health: health.snapshot(), totals, vusMax: ctx.vus.length };
  } finally {
    health.stop();
    clearInterval(sampler);
    if (abortCheck) clearInterval(abortCheck);
    await http.close();
  }
}
