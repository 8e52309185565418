import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunContext } from '../../core/run-context.ts';
import { defineStage, type PlanStep } from '../../core/stage.ts';
import { runLoad } from '../engine/run-load.ts';
import { LOAD_METRICS } from '../engine/metrics.ts';
import { runK6Backend } from '../k6/backend.ts';
import { chooseLoadBackend, loadBackendNeeds } from '../k6/choose-backend.ts';
import { runOperatorBackend } from '../k6/operator-backend.ts';
import { durationMs } from '../model/duration.ts';
import { describeExecutor } from '../model/describe.ts';
import { loadConfigSchema, type LoadConfig } from './config.ts';
import { evaluateLoad } from './evaluate.ts';
import type { LoadObservation, LoadSummary } from './observation.ts';
import { collectReplicaHistory, replicaHistoryReader } from './replica-history.ts';
import { summarizeRun } from './summarize.ts';

function unavailable(config: LoadConfig, why: string): LoadObservation {
  const summary: LoadSummary = {
    backend: config.backend, scenario: config.scenario.name, executor: config.scenario.executor.executor, target: null, unavailable: why,
    loadStartMs: null, loadEndMs: null, durationMs: null, requests: 0, iterations: 0, scheduled: 0, dropped: 0, vusMax: 0,
    latencyMs: { p50: null, p90: null, p95: null, p99: null, 'p99.9': null, max: null, avg: null },
    failedRate: null, serverErrorRate: null, timeline: [], generator: null,
  };
  return { summary };
}

/** Runs the scenario against the environment's edge and gathers replica counts; never judges. */
export async function observeLoad(ctx: RunContext, config: LoadConfig): Promise<LoadObservation> {
  const edge = ctx.env?.urls.edge;
  if (!edge) return unavailable(config, 'no environment with an edge URL is up, so there is nothing to load');
  // abortOnFail may sit on the stage's thresholds as well as the scenario's.
  const scenario = { ...config.scenario, thresholds: { ...config.scenario.thresholds, ...config.thresholds } };
  ctx.progress(`load: ${scenario.name} (${describeExecutor(scenario.executor)}) against ${edge}`);
  let observation: LoadObservation;
  const chosen = await chooseLoadBackend(config.backend, ctx.env, { k6Path: config.k6Path });
  if (chosen.backend === 'none') return unavailable(config, chosen.why);
  if (chosen.backend === 'k6-operator') {
    const { parallelism, image, startTimeout, baseUrl } = config.operator;
    observation = await runOperatorBackend(ctx, { scenario, access: chosen.access, parallelism, image, startTimeoutMs: durationMs(startTimeout), baseUrl });
  } else if (chosen.backend === 'k6') {
    ctx.progress(`load: running k6 (${chosen.k6Path})`);
    observation = await runK6Backend({ scenario, baseUrl: edge, k6Path: chosen.k6Path, workDir: ctx.artifactsDir, signal: ctx.signal });
  } else {
    const result = await runLoad({ scenario, baseUrl: edge, workers: config.workers, signal: ctx.signal });
    observation = { metrics: result.registry, summary: summarizeRun(result, scenario.executor.executor, edge) };
  }
  const readHistory = replicaHistoryReader(ctx.env);
  const { loadEndMs } = observation.summary;
  if (readHistory && loadEndMs !== null) {
    const waitMs = config.autoscaling ? durationMs(config.autoscaling.scaleInWithin) : 0;
    observation.summary.replicas = await collectReplicaHistory(readHistory, { loadEndMs, waitMs, now: () => ctx.clock.now(), sleep: (ms) => ctx.clock.sleep(ms, ctx.signal).catch(() => undefined), signal: ctx.signal });
    const { replicas, loadStartMs } = observation.summary;
    if (replicas && 'history' in replicas && loadStartMs !== null) observation.summary.timeline = withReplicas(observation.summary.timeline, replicas.history, loadStartMs);
  }
  const file = join(ctx.artifactsDir, 'load-timeline.json');
  writeFileSync(file, `${JSON.stringify({ scenario: scenario.name, timeline: observation.summary.timeline, replicas: observation.summary.replicas ?? null }, null, 2)}\n`);
  ctx.artifact(file);
  const s = observation.summary;
  ctx.progress(`load: ${s.requests} requests, p95 ${s.latencyMs.p95 ?? '–'} ms, ${s.dropped} dropped`);
  return observation;
}

function plan(config: LoadConfig): PlanStep[] {
  const steps: PlanStep[] = [
    { title: `Load scenario ${config.scenario.name} with the ${config.backend} backend${config.backend === 'k6-operator' ? ` (${config.operator.parallelism} runner pods)` : ''}`, detail: `${describeExecutor(config.scenario.executor)}; flows ${config.scenario.flows.map((f) => `${f.name}×${f.weight}`).join(', ')}` },
    { title: 'Dropped iterations and generator health', detail: `at most ${config.maxDroppedIterations} dropped; send lag p99 ≤ ${config.generator.maxSendLagP99Ms} ms` },
  ];
  if (config.baseline.mode !== 'off') steps.push({ title: 'Against the baseline run', detail: `p95/p99 growth ≤ ${config.baseline.latencyGrowthPercent}%, 5xx growth ≤ ${config.baseline.serverErrorGrowthPercent}%` });
  if (config.autoscaling) steps.push({ title: `Autoscaling to ${config.autoscaling.expectedReplicas} replicas within ${config.autoscaling.scaleOutWithin}`, detail: `p95 < ${config.autoscaling.p95SloMs} ms after, scale-in within ${config.autoscaling.scaleInWithin}` });
  return steps;
}

/** Stage `load`: the scenario against the edge, then dropped iterations, generator health, thresholds, baseline, autoscaling. */
/** Each second of the timeline also says how many replicas served it, so the report charts scaling beside latency. */
function withReplicas<T extends { t: number }>(timeline: T[], history: readonly { t: number; replicas: number }[], loadStartMs: number): (T & { replicas?: number })[] {
  return timeline.map((second) => {
    const at = loadStartMs + (second.t + 1) * 1000;
    const sample = history.filter((h) => h.t <= at).at(-1);
    return sample ? { ...second, replicas: sample.replicas } : second;
  });
}

export const loadStage = defineStage<LoadConfig, LoadObservation>({
  id: 'load',
  title: 'Load',
  configSchema: loadConfigSchema,
  emits: LOAD_METRICS,
  needs: ['http'],
  needsFor: (config, offered) => loadBackendNeeds(config.backend, offered),
  describe: (config) => `load scenario ${config.scenario.name} (${describeExecutor(config.scenario.executor)})`,
  plan,
  run: observeLoad,
  evaluate: (config, observation, baseline) => evaluateLoad(config, observation, baseline),
});
