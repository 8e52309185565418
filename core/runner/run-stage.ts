import { check, type Check, type CheckStatus } from '../check.ts';
import { errorMessage } from '../errors.ts';
import { summarizeMetrics } from '../metrics/index.ts';
import { evaluateThresholds, thresholdKeys, thresholdMethods, type ThresholdsSpec } from '../thresholds/index.ts';
import type { Observation, Stage } from '../stage.ts';
import type { RunContext } from '../run-context.ts';
import type { StageReport, StageStatus } from '../../reports/report.ts';
import { deadlineSignal, Interrupted, raceAbort, StageTimeout } from './deadline.ts';

/** The parts of any stage config the runner itself reads. */
interface CommonStageConfig {
  thresholds?: ThresholdsSpec;
  minSamples?: number;
  blocking?: boolean;
}

export interface StageRunInput {
  stage: Stage;
  config: unknown;
  ctx: RunContext;
  timeoutMs: number;
  /** What the baseline run observed in this stage (metrics and summary), for baseline comparisons. */
  baseline?: Observation;
}

export interface StageRunResult {
  report: StageReport;
  interrupted?: Interrupted;
}

/** Runs one stage under its deadline; a crash or timeout becomes data in the report, never a pass. */
export async function runStage(input: StageRunInput): Promise<StageRunResult> {
  const { stage, config, ctx } = input;
  const startedAt = ctx.clock.now();
  const started = ctx.clock.monotonic();
  const deadline = deadlineSignal(ctx.signal, input.timeoutMs, `stage ${stage.id}`);
  const stageCtx: RunContext = { ...ctx, signal: deadline.signal };
  const base = { id: stage.id, title: stage.title, description: stage.describe(config), startedAt: new Date(startedAt).toISOString() };
  const elapsed = () => Math.round(ctx.clock.monotonic() - started);
  try {
    const observations = await raceAbort(stage.run(stageCtx, config), deadline.signal);
    const checks = judge(stage, config as CommonStageConfig, observations, input.baseline);
    const summary = withMetrics(observations, (config as CommonStageConfig).thresholds);
    return { report: { ...base, status: statusOf(checks), durationMs: elapsed(), checks, summary } };
  } catch (error) {
    if (error instanceof Interrupted) {
      const message = `interrupted by ${error.cause} while running`;
      return {
        interrupted: error,
        report: { ...base, status: 'interrupted', durationMs: elapsed(), checks: [failedToRun(stage, 'interrupted', message)], error: { kind: 'interrupted', message } },
      };
    }
    const timedOut = error instanceof StageTimeout;
    const message = timedOut ? error.message : `stage crashed: ${errorMessage(error)}`;
    ctx.log.error(`${stage.id}: ${message}`);
    return {
      report: {
        ...base,
        status: timedOut ? 'inconclusive' : 'error',
        durationMs: elapsed(),
        checks: [failedToRun(stage, timedOut ? 'timeout' : 'harness_error', message)],
        error: { kind: timedOut ? 'timeout' : 'crash', message },
      },
    };
  } finally {
    deadline.dispose();
  }
}

function judge(stage: Stage, config: CommonStageConfig, observations: Observation, baseline?: Observation): Check[] {
  const checks = stage.evaluate(config, observations, baseline);
  const sickGenerator = checks.some((c) => c.reason === 'generator_unhealthy' && c.status !== 'pass');
  if (config.thresholds && Object.keys(config.thresholds).length > 0) {
    if (!observations.metrics) {
      checks.push(check({ id: 'thresholds', title: `${stage.title}: thresholds`, status: 'inconclusive', observed: null, reason: 'no_data', message: 'the stage emitted no metrics to judge its thresholds against' }));
    } else {
      const judged = evaluateThresholds(config.thresholds, observations.metrics, { baseline: baseline?.metrics, minSamples: config.minSamples, blocking: config.blocking ?? true });
      checks.push(...(sickGenerator ? judged.map(notTheReleasesFault) : judged));
    }
  }
  if (checks.length === 0) {
    checks.push(check({ id: 'no-checks', title: `${stage.title}: evidence`, status: 'inconclusive', observed: null, reason: 'no_data', message: 'the stage produced no checks, so it proves nothing' }));
  }
  return checks;
}

/** Keeps the metrics in the report, including every key and aggregate a threshold names, so this run can be a baseline. */
/** A load generator that could not keep its schedule measured itself, not the release: its breaches prove nothing. */
function notTheReleasesFault(c: Check): Check {
  if (c.status !== 'fail') return c;
  return { ...c, status: 'inconclusive', reason: 'generator_unhealthy', message: `${c.message} — but the load generator could not keep its schedule, so this says nothing about the release` };
}

function withMetrics(observations: Observation, thresholds: ThresholdsSpec = {}): Record<string, unknown> | undefined {
  if (!observations.metrics) return observations.summary;
  return { ...observations.summary, metrics: summarizeMetrics(observations.metrics, thresholdMethods(thresholds), thresholdKeys(thresholds)) };
}

function failedToRun(stage: Stage, reason: 'interrupted' | 'timeout' | 'harness_error', message: string): Check {
  return check({ id: 'stage-ran', title: `${stage.title} ran to completion`, status: reason === 'harness_error' ? 'error' : 'inconclusive', observed: null, reason, message });
}

export function statusOf(checks: readonly Check[]): StageStatus {
  const has = (s: CheckStatus) => checks.some((c) => c.blocking && c.status === s);
  if (has('fail')) return 'failed';
  if (has('error')) return 'error';
  if (has('inconclusive')) return 'inconclusive';
  if (checks.length > 0 && checks.every((c) => c.status === 'skipped')) return 'skipped';
  return 'passed';
}
