import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CleanupHandle } from '../../core/cleanup/registry.ts';
import { errorMessage } from '../../core/errors.ts';
import type { RunContext } from '../../core/run-context.ts';
import type { KubeAccess } from '../../staging/kube/access.ts';
import type { ObjectRef } from '../../staging/kube/client.ts';
import { scheduleLengthMs } from '../engine/schedule.ts';
import { durationMs } from '../model/duration.ts';
import type { Scenario } from '../model/scenario.ts';
import type { LoadObservation } from '../stage/observation.ts';
import { emptySummary, k6LoadSummary } from './backend.ts';
import { renderOperatorManifests } from './operator.ts';
import { extractRunnerSummary, mergeRunnerSummaries, toLegacySummary, type RunnerSummary } from './runner-summary.ts';
import { k6SummarySource } from './summary.ts';

export interface OperatorRunOptions {
  scenario: Scenario;
  access: KubeAccess;
  /** Runner pods; each runs 1/N of the load. */
  parallelism: number;
  image?: string;
  /** Allowed on top of the schedule for image pulls, the initializer and the starter. */
  startTimeoutMs: number;
  pollMs?: number;
  /** Where runner pods reach the platform; default the edge Service's in-cluster URL. */
  baseUrl?: string;
}

type OperatorContext = Pick<RunContext, 'runId' | 'cleanup' | 'clock' | 'signal' | 'progress' | 'log' | 'artifactsDir' | 'artifact'>;

/** k6 exit code when thresholds failed: the runner's data is valid. */
const THRESHOLDS_FAILED = 99;
const RUNNER_SELECTOR = (testRun: string) => `app=k6,k6_cr=${testRun},runner=true`;

/** A name unique per run (k6-operator refuses to reuse runner Job names) leaving room for `-<i>`, `-initializer`. */
function testRunName(scenario: string, runId: string): string {
  const base = `gl-${scenario}`.toLowerCase().replace(/[^a-z0-9-]+/g, '-').slice(0, 26).replace(/-+$/, '');
  return `${base}-${runId.toLowerCase().replace(/[^a-z0-9]+/g, '').slice(-12)}`;
}

/**
 * Runs the scenario as a k6-operator TestRun: applies the ConfigMap and the TestRun (run-id labelled, registered for
 * cleanup at creation), polls `status.stage` to `finished` within the schedule plus `startTimeoutMs`, reads every
 * runner pod's summary from its log and merges them. Anything missing (error stage, timeout, a runner without a
 * summary or with another exit code than 0/99) leaves the observation unavailable, so the load checks are
 * inconclusive. The objects are deleted afterwards, also on abort.
 */
export async function runOperatorBackend(ctx: OperatorContext, options: OperatorRunOptions): Promise<LoadObservation> {
  const { scenario, access } = options;
  const { client, namespace } = access;
  const executor = scenario.executor;
  const base = { backend: 'k6-operator' as const, scenario: scenario.name, executor: executor.executor, target: options.baseUrl ?? null };
  let baseUrl: string;
  try {
    baseUrl = options.baseUrl ?? (await client.serviceUrl(access.edgeService.name, access.edgeService.port));
  } catch (error) {
    return { summary: emptySummary(base, `the edge Service's in-cluster URL is unknown: ${errorMessage(error)}`) };
  }
  const name = testRunName(scenario.name, ctx.runId);
  const manifests = renderOperatorManifests({ scenario, parallelism: options.parallelism, baseUrl, namespace, name, runId: ctx.runId, image: options.image });
  const context = access.kubeConfig.getCurrentContext();
  const where = `TestRun ${namespace}/${name}`;
  const held: { ref: ObjectRef; handle: CleanupHandle }[] = [];
  const create = async (object: Record<string, unknown>) => {
    const ref: ObjectRef = { apiVersion: String(object['apiVersion']), kind: String(object['kind']), name, namespace };
    const handle = ctx.cleanup.register(`${ref.kind} ${namespace}/${name}`, () => client.delete(ref), { type: 'k8s', apiVersion: ref.apiVersion, kind: ref.kind, namespace, name, ...(context ? { context } : {}) });
    held.unshift({ ref, handle });
    await client.apply([object as never], ctx.runId);
  };
  try {
    await create(manifests.configMap);
    await create(manifests.testRun);
    ctx.progress(`load: ${where} applied (${options.parallelism} runner${options.parallelism > 1 ? 's' : ''}) against ${baseUrl}`);
    const timeoutMs = durationMs(executor.startTime) + scheduleLengthMs(executor) + durationMs(executor.gracefulStop) + options.startTimeoutMs;
    const ended = await waitForStage(ctx, () => client.read({ apiVersion: 'k6.io/v1alpha1', kind: 'TestRun', name, namespace }), { what: where, timeoutMs, pollMs: options.pollMs ?? 2_000 });
    if ('unavailable' in ended) return { summary: emptySummary({ ...base, target: baseUrl }, ended.unavailable) };
    const collected = await collectRunners(ctx, client, name, options.parallelism);
    if ('unavailable' in collected) return { summary: emptySummary({ ...base, target: baseUrl }, collected.unavailable) };
    const { summary: merged, merged: mode } = mergeRunnerSummaries(collected.summaries);
    const file = join(ctx.artifactsDir, `${scenario.name}.k6-operator-summary.json`);
    writeFileSync(file, `${JSON.stringify({ testRun: name, merged: mode, runners: collected.runners, summary: merged }, null, 2)}\n`);
    ctx.artifact(file);
    const metrics = k6SummarySource(toLegacySummary(merged));
    const durationOfRun = merged.state?.testRunDurationMs;
    const summary = k6LoadSummary(metrics, { ...base, target: baseUrl }, { startMs: ended.startedAt, endMs: ended.endedAt, ...(durationOfRun !== undefined ? { durationMs: Math.round(durationOfRun) } : {}) });
    return { metrics, summary: { ...summary, merged: mode, operator: { namespace, testRun: name, parallelism: options.parallelism, runners: collected.runners } } };
  } catch (error) {
    const why = ctx.signal.aborted ? `${where} was interrupted` : `${where} could not run: ${errorMessage(error)}`;
    return { summary: emptySummary({ ...base, target: baseUrl }, why) };
  } finally {
    for (const { ref, handle } of held) {
      try {
        await client.delete(ref);
        handle.release();
      } catch (error) {
        ctx.log.warn(`${ref.kind} ${namespace}/${ref.name} not deleted, left for cleanup: ${errorMessage(error)}`);
      }
    }
  }
}

interface StageWait {
  what: string;
  timeoutMs: number;
  pollMs: number;
}

/** Polls status.stage to `finished`; `error` and the deadline ("<thing> not finished after <N> ms") are unavailable. */
async function waitForStage(ctx: OperatorContext, read: () => Promise<{ status?: unknown }>, wait: StageWait): Promise<{ startedAt: number; endedAt: number } | { unavailable: string }> {
  const deadline = ctx.clock.monotonic() + wait.timeoutMs;
  let startedAt: number | undefined;
  let stage = 'none';
  for (;;) {
    const status = (await read()).status as { stage?: string } | undefined;
    stage = status?.stage ?? 'none';
    if (stage === 'started' && startedAt === undefined) startedAt = ctx.clock.now();
    if (stage === 'finished') {
      const endedAt = ctx.clock.now();
      return { startedAt: startedAt ?? endedAt, endedAt };
    }
    if (stage === 'error') return { unavailable: `${wait.what} ended in stage "error": k6-operator could not run it (see the operator's log and the TestRun's events)` };
    if (ctx.clock.monotonic() >= deadline) return { unavailable: `${wait.what} not finished after ${wait.timeoutMs} ms (last stage: ${stage})` };
    await ctx.clock.sleep(wait.pollMs, ctx.signal);
  }
}

interface RunnerOutcome {
  pod: string;
  exitCode: number;
}

/** Every runner pod's exit code and summary; one missing is enough to make the run unavailable (fail-closed). */
async function collectRunners(ctx: OperatorContext, client: KubeAccess['client'], testRun: string, parallelism: number): Promise<{ runners: RunnerOutcome[]; summaries: RunnerSummary[] } | { unavailable: string }> {
  const pods = await client.listPods(RUNNER_SELECTOR(testRun));
  if (pods.length < parallelism) return { unavailable: `${pods.length} of ${parallelism} runner pods of TestRun ${testRun} found (selector ${RUNNER_SELECTOR(testRun)})` };
  const runners: RunnerOutcome[] = [];
  const summaries: RunnerSummary[] = [];
  for (const pod of pods) {
    const exitCode = pod.exitCodes['k6'];
    if (exitCode === undefined) return { unavailable: `runner pod ${pod.name} has not terminated (phase ${pod.phase})` };
    if (exitCode !== 0 && exitCode !== THRESHOLDS_FAILED) return { unavailable: `runner pod ${pod.name} exited with code ${exitCode}, so its share of the load is unknown` };
    const log = await client.podLog(pod.name, 'k6');
    const file = join(ctx.artifactsDir, `${pod.name}.k6.log`);
    writeFileSync(file, log);
    ctx.artifact(file);
    const parsed = extractRunnerSummary(log);
    if ('error' in parsed) return { unavailable: `runner pod ${pod.name} ${parsed.error}` };
    runners.push({ pod: pod.name, exitCode });
    summaries.push(parsed);
  }
  return { runners, summaries };
}
