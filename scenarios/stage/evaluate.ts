import { check, type Check } from '../../core/check.ts';
import type { MetricSource } from '../../core/metrics.ts';
import { metricSourceFromSummary, type MetricsSummary } from '../../core/metrics/index.ts';
import { evaluateThresholds, type ThresholdsSpec } from '../../core/thresholds/index.ts';
import type { Scenario } from '../model/scenario.ts';
import { autoscalingChecks } from './autoscaling-checks.ts';
import type { LoadConfig } from './config.ts';
import { downgradeForGenerator, generatorCheck } from './generator-check.ts';
import type { LoadObservation } from './observation.ts';

/** The metrics of an observation: live, or from the summary a report kept. */
export function metricsOf(observation: LoadObservation | undefined): MetricSource | undefined {
  if (!observation) return undefined;
  if (observation.metrics) return observation.metrics;
  const stored = observation.summary['metrics'];
  return stored ? metricSourceFromSummary(stored as MetricsSummary) : undefined;
}

/** The seed policy as relative thresholds. */
export function baselineRules(config: LoadConfig): ThresholdsSpec {
  const latency = `<= +${config.baseline.latencyGrowthPercent}%`;
  return {
    http_req_duration: [`p(95) ${latency}`, `p(99) ${latency}`],
    http_req_server_errors: [`rate <= +${config.baseline.serverErrorGrowthPercent}%`],
  };
}

/**
 * Pure: the load stage's own checks. config.thresholds are judged by the runner; here: the run itself,
 * dropped iterations, generator health, the scenario's thresholds, the baseline rule and autoscaling.
 */
export function evaluateLoad(config: LoadConfig & { scenario: Scenario }, observation: LoadObservation, baseline?: LoadObservation): Check[] {
  const summary = observation.summary;
  const metrics = metricsOf(observation);
  if (summary.unavailable || !metrics) {
    return [check({ id: 'load:ran', title: 'Load ran against the platform', status: 'inconclusive', observed: null, reason: !summary.unavailable ? 'no_data' : summary.target === null ? 'capability_missing' : 'provider_error', message: summary.unavailable ?? 'the load run produced no metrics' })];
  }
  const checks: Check[] = [];
  if (summary.aborted) {
    const byThreshold = summary.aborted.by === 'threshold';
    checks.push(check({
      id: 'load:ran',
      title: 'Load ran to the end of its schedule',
      status: byThreshold ? 'fail' : 'inconclusive',
      observed: false,
      reason: byThreshold ? 'threshold_breached' : 'interrupted',
      message: byThreshold ? `the run was stopped early by abortOnFail: ${summary.aborted.detail}` : `the run was interrupted: ${summary.aborted.detail}`,
    }));
  }
  if (summary.requests === 0) {
    checks.push(check({ id: 'load:requests', title: 'Load reached the platform', status: 'inconclusive', observed: 0, reason: 'no_data', message: 'no request completed, so nothing about the platform was measured' }));
  }
  const generator = generatorCheck(config.generator, summary);
  const judged: Check[] = [];
  judged.push(check({
    id: 'load:dropped-iterations',
    title: 'Every scheduled iteration was started',
    status: summary.dropped <= config.maxDroppedIterations ? 'pass' : 'fail',
    observed: summary.dropped,
    threshold: `count <= ${config.maxDroppedIterations}`,
    samples: summary.scheduled,
    message: summary.dropped <= config.maxDroppedIterations
      ? `${summary.scheduled} iterations scheduled, ${summary.dropped} dropped`
      : `${summary.dropped} of ${summary.scheduled} scheduled iterations were dropped (no free VU): the platform did not keep up, and the slowest answers were never measured`,
    ...(summary.dropped <= config.maxDroppedIterations ? {} : { reason: 'threshold_breached' as const }),
  }));
  const ownKeys = new Set(Object.keys(config.thresholds));
  const scenarioSpec = Object.fromEntries(Object.entries(config.scenario.thresholds).filter(([key]) => !ownKeys.has(key)));
  judged.push(...evaluateThresholds(scenarioSpec, metrics, { minSamples: config.minSamples, blocking: config.blocking }));
  judged.push(...baselineChecks(config, metrics, baseline));
  judged.push(...autoscalingChecks(config, summary));
  return [...checks, generator, ...downgradeForGenerator(judged, generator)];
}

function baselineChecks(config: LoadConfig, metrics: MetricSource, baseline: LoadObservation | undefined): Check[] {
  if (config.baseline.mode === 'off') return [];
  const baselineMetrics = metricsOf(baseline);
  if (!baselineMetrics) {
    const required = config.baseline.mode === 'required';
    return [check({
      id: 'baseline:comparison',
      title: 'Latency and 5xx against the baseline release',
      status: required ? 'inconclusive' : 'skipped',
      blocking: required,
      observed: null,
      reason: 'baseline_missing',
      message: 'no baseline run to compare with',
    })];
  }
  return evaluateThresholds(baselineRules(config), metrics, { baseline: baselineMetrics, minSamples: config.minSamples, blocking: config.blocking }).map((c) => ({ ...c, id: `baseline:${c.id}` }));
}
