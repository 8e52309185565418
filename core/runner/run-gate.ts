import { mkdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Environment, EnvironmentOptions, EnvironmentProvider } from '../../staging/environment.ts';
import type { Report, StageReport } from '../../reports/report.ts';
import { CleanupRegistry } from '../cleanup/registry.ts';
import { systemClock, type Clock } from '../clock.ts';
import { errorMessage } from '../errors.ts';
import { createLogger, type Logger } from '../logger.ts';
import type { ReleaseRef, RunContext } from '../run-context.ts';
import { newRunId } from '../run-id.ts';
import type { Stage } from '../stage.ts';
import { baselineObservationFor, findBaselineReport } from './baseline.ts';
import { buildReport } from './build-report.ts';
import { deadlineSignal, Interrupted, raceAbort } from './deadline.ts';
import type { RunEvent, RunEventListener } from './events.ts';
import { runStage } from './run-stage.ts';
import { watchTermination, type SignalSource } from './signals.ts';

export interface PlannedStage {
  stage: Stage;
  /** Validated config for this stage. */
  config: unknown;
}

export interface GateOptions {
  stateDir: string;
  profile: string;
  release: { candidate: ReleaseRef; baseline?: ReleaseRef };
  environment: EnvironmentProvider;
  environmentOptions: EnvironmentOptions;
  stages: PlannedStage[];
  timeouts: { runMs: number; stageMs: number; environmentMs: number };
  toolVersion: string;
  /** URLs the user configured (reported with credentials redacted). */
  environmentUrls?: Record<string, unknown>;
  /** Secret values to scrub from every log line and report. */
  secrets?: readonly string[];
  runId?: string;
  signals?: SignalSource;
  clock?: Clock;
  fetch?: typeof globalThis.fetch;
  log?: Logger;
  onEvent?: RunEventListener;
}

export interface GateResult {
  report: Report;
  runDir: string;
}

/**
 * The runner owns the lifecycle: environment up, stages in order, every cleanup in reverse (also after a
 * failure or a signal), then the verdict. Stages never see signals; they see an aborted `ctx.signal`.
 */
export async function runGate(options: GateOptions): Promise<GateResult> {
  const clock = options.clock ?? systemClock;
  const runId = options.runId ?? newRunId(new Date(clock.now()));
  const runsDir = join(options.stateDir, 'runs');
  const runDir = join(runsDir, runId);
  mkdirSync(runDir, { recursive: true });
  const emit = (event: RunEvent) => options.onEvent?.(event);
  const log = options.log ?? createLogger(() => {});
  const cleanup = new CleanupRegistry({ runId, stateDir: options.stateDir, log: log.child('cleanup') });
  const startedAt = clock.now();

  const run = new AbortController();
  let interruption: Interrupted | undefined;
  const interrupt = (cause: Interrupted['cause'], message: string) => {
    if (interruption) return;
    interruption = new Interrupted(cause, message);
    emit({ type: 'interrupt', cause, at: clock.now() });
    log.warn(message);
    run.abort(interruption);
  };
  const stopWatching = watchTermination(
    options.signals,
    (signal) => interrupt(signal, `received ${signal}: stopping, cleaning up and writing a partial report`),
    (signal) => log.warn(`received ${signal} again: still cleaning up, so nothing is left behind`),
  );
  const runDeadline = setTimeout(() => interrupt('deadline', `the run passed its deadline of ${options.timeouts.runMs} ms`), options.timeouts.runMs);

  const artifacts = new Set<string>();
  const baselineReport = options.release.baseline ? findBaselineReport(runsDir, options.release.baseline.version) : undefined;
  const stageReports: StageReport[] = [];
  const harnessFaults: string[] = [];
  emit({ type: 'run-start', runId, runDir, stages: options.stages.map(({ stage }) => ({ id: stage.id, title: stage.title })), at: startedAt });

  const contextFor = (stageId: string, env?: Environment): RunContext => {
    const artifactsDir = join(runDir, 'artifacts', stageId);
    return {
      runId, runDir, artifactsDir, stateDir: options.stateDir, signal: run.signal, clock, cleanup, env,
      log: log.child(stageId),
      adapters: { fetch: options.fetch ?? globalThis.fetch },
      release: options.release,
      profile: options.profile,
      progress: (message) => emit({ type: 'stage-progress', stageId, message, at: clock.now() }),
      artifact: (path) => {
        const rel = relative(runDir, path);
        artifacts.add(rel);
        return rel;
      },
    };
  };

  try {
    const env = await startEnvironment(options, contextFor('environment'), emit, clock);
    stageReports.push(env.report);
    if (env.fault) harnessFaults.push(env.fault);
    for (const planned of env.environment ? options.stages : []) {
      if (interruption) break;
      const ctx = contextFor(planned.stage.id, env.environment);
      mkdirSync(ctx.artifactsDir, { recursive: true });
      emit({ type: 'stage-start', stageId: planned.stage.id, title: planned.stage.title, at: clock.now() });
      const result = await runStage({
        stage: planned.stage, config: planned.config, ctx, timeoutMs: options.timeouts.stageMs,
        baseline: baselineObservationFor(baselineReport, planned.stage.id),
      });
      stageReports.push(result.report);
      const counts: Partial<Record<string, number>> = {};
      for (const c of result.report.checks) counts[c.status] = (counts[c.status] ?? 0) + 1;
      emit({ type: 'stage-end', stageId: planned.stage.id, status: result.report.status, counts, durationMs: result.report.durationMs, at: clock.now() });
    }
  } catch (error) {
    harnessFaults.push(`internal error (this is a bug in greenlight): ${errorMessage(error)}`);
    log.error(errorMessage(error));
  } finally {
    clearTimeout(runDeadline);
  }

  emit({ type: 'cleanup', state: 'running', leftovers: [], at: clock.now() });
  const cleanupResult = await cleanup.runAll();
  emit({ type: 'cleanup', state: cleanupResult.status, leftovers: cleanupResult.leftovers, at: clock.now() });
  stopWatching();

  const report = await buildReport({
    runId, options, startedAt, finishedAt: clock.now(), stageReports, harnessFaults, interruption,
    cleanup: cleanupResult, runDir, artifactPaths: [...artifacts],
  });
  return { report, runDir };
}

interface EnvironmentStart {
  environment?: Environment;
  report: StageReport;
  fault?: string;
}

async function startEnvironment(options: GateOptions, ctx: RunContext, emit: (e: RunEvent) => void, clock: Clock): Promise<EnvironmentStart> {
  const title = `Staging replica (${options.environment.name})`;
  const started = clock.monotonic();
  emit({ type: 'environment', state: 'starting', message: `starting ${options.environment.name} environment`, at: clock.now() });
  const deadline = deadlineSignal(ctx.signal, options.timeouts.environmentMs, `${options.environment.name} environment`);
  try {
    const environment = await raceAbort(options.environment.up({ ...ctx, signal: deadline.signal }, options.environmentOptions), deadline.signal);
    emit({ type: 'environment', state: 'ready', message: `environment ready at ${environment.urls.edge}`, at: clock.now() });
    const message = `${options.environment.name} environment up at ${environment.urls.edge}`;
    return {
      environment,
      report: {
        id: 'environment', title, description: `${options.environment.name} provider`, status: 'passed',
        durationMs: Math.round(clock.monotonic() - started),
        checks: [{ id: 'environment-up', title: 'Staging replica is up', status: 'pass', blocking: false, observed: true, message, evidence: [] }],
      },
    };
  } catch (error) {
    const interrupted = error instanceof Interrupted;
    const message = `${options.environment.name} environment did not start: ${errorMessage(error)}`;
    emit({ type: 'environment', state: 'failed', message, at: clock.now() });
    return {
      fault: interrupted ? undefined : message,
      report: {
        id: 'environment', title, description: `${options.environment.name} provider`, status: interrupted ? 'interrupted' : 'error',
        durationMs: Math.round(clock.monotonic() - started),
        checks: [{ id: 'environment-up', title: 'Staging replica is up', status: 'error', blocking: true, observed: false, reason: interrupted ? 'interrupted' : 'provider_error', message, evidence: [] }],
        error: { kind: interrupted ? 'interrupted' : 'crash', message },
      },
    };
  } finally {
    deadline.dispose();
  }
}
