import { check, type Check } from '../check.ts';
import type { AggregationMethod, MetricDescriptor, MetricKey, MetricSource } from '../metrics.ts';
import { compare, growthPercent } from './compare.ts';
import { defaultUnit, formatPercent, keyWords, thresholdTitle, withUnit } from './describe.ts';
import { parseThreshold, type ParsedThreshold } from './parse-expression.ts';
import { parseThresholdKey } from './parse-key.ts';
import { thresholdItems, type ThresholdItem, type ThresholdsSpec } from './spec.ts';
import { ThresholdSyntaxError } from './syntax-error.ts';

export interface EvaluateThresholdsOptions {
  /** The baseline run's metrics, for relative thresholds (`p(95) <= +20%`). */
  baseline?: MetricSource;
  /** Fewer samples than this make rate and trend thresholds inconclusive (counters and gauges are exempt). */
  minSamples?: number;
  /** Whether the checks decide the verdict (default true). */
  blocking?: boolean;
  /** Overrides the unit shown for an aggregate (default: ms for time, B for data, /s for a counter's rate). */
  unitFor?: (key: MetricKey, method: AggregationMethod, descriptor: MetricDescriptor | undefined) => string | undefined;
}

/**
 * Pure: one check per expression, id `<key>:<expression>`. No samples or no value → inconclusive (no_data);
 * too few samples → inconclusive (insufficient_samples); a relative form without a usable baseline →
 * inconclusive (baseline_missing); a malformed spec → error. Only a measured value within bounds passes.
 * Relative forms compare growth = (current − baseline) / |baseline| × 100 with the percentage; a zero baseline
 * gives 0% when current is 0 too and ±∞% otherwise (so `<= +N%` fails on any rise from nothing).
 * Counters count as data once added to: emitters that mean "zero happened" add 0 (e.g. dropped_iterations).
 */
export function evaluateThresholds(spec: ThresholdsSpec, current: MetricSource, options: EvaluateThresholdsOptions = {}): Check[] {
  return thresholdItems(spec).map((item) => evaluateThreshold(item, current, options));
}

export function evaluateThreshold(item: ThresholdItem, current: MetricSource, options: EvaluateThresholdsOptions): Check {
  const id = `${item.key}:${item.expression}`;
  const blocking = options.blocking ?? true;
  let key: MetricKey;
  let parsed: ParsedThreshold;
  try {
    key = parseThresholdKey(item.key);
    parsed = parseThreshold(item.expression);
  } catch (error) {
    if (!(error instanceof ThresholdSyntaxError)) throw error;
    const message = `threshold "${id}" is malformed (${error.message}); it should have been rejected before the run`;
    return check({ id, title: `threshold ${id}`, status: 'error', blocking, observed: null, threshold: item.expression, message, reason: 'harness_error' });
  }
  const descriptor = current.descriptor(key.name) ?? options.baseline?.descriptor(key.name);
  const unit = options.unitFor ? options.unitFor(key, parsed.method, descriptor) : defaultUnit(descriptor, parsed.method);
  const subject = `${parsed.method} of ${keyWords(key)}`;
  const base = { id, title: thresholdTitle(key, parsed, descriptor, unit), blocking, threshold: item.expression, ...(unit ? { unit } : {}) };
  const inconclusive = (reason: 'no_data' | 'insufficient_samples' | 'baseline_missing', message: string, observed: number | null, samples: number) =>
    check({ ...base, status: 'inconclusive', observed, message, reason, samples });

  const samples = current.samples(key);
  if (samples <= 0) return inconclusive('no_data', `no samples of ${keyWords(key)} were recorded; cannot judge ${item.expression}`, null, 0);
  if (needsSampleCount(descriptor) && options.minSamples !== undefined && samples < options.minSamples) {
    return inconclusive('insufficient_samples', `only ${samples} samples of ${keyWords(key)} (at least ${options.minSamples} needed); cannot judge ${item.expression}`, null, samples);
  }
  const observed = current.aggregate(key, parsed.method);
  if (observed === undefined || Number.isNaN(observed)) {
    return inconclusive('no_data', `${subject} has no value (${samples} samples); cannot judge ${item.expression}`, null, samples);
  }
  if (!parsed.relative) {
    const passed = compare(observed, parsed.operator, parsed.value);
    const verdict = passed ? `within ${item.expression}` : `breaching ${item.expression}`;
    return check({
      ...base,
      status: passed ? 'pass' : 'fail',
      observed,
      samples,
      message: `${subject} was ${withUnit(observed, unit)} over ${samples} samples, ${verdict}`,
      ...(passed ? {} : { reason: 'threshold_breached' as const }),
    });
  }

  const baseline = options.baseline;
  if (!baseline) return inconclusive('baseline_missing', `no baseline run to compare ${subject} with; cannot judge ${item.expression}`, observed, samples);
  const baselineSamples = baseline.samples(key);
  const baselineValue = baselineSamples > 0 ? baseline.aggregate(key, parsed.method) : undefined;
  if (baselineValue === undefined || Number.isNaN(baselineValue)) {
    return inconclusive('baseline_missing', `the baseline has no ${subject}; cannot judge ${item.expression}`, observed, samples);
  }
  if (needsSampleCount(descriptor) && options.minSamples !== undefined && baselineSamples < options.minSamples) {
    return inconclusive('insufficient_samples', `the baseline has only ${baselineSamples} samples of ${keyWords(key)} (at least ${options.minSamples} needed); cannot judge ${item.expression}`, observed, samples);
  }
  const growth = growthPercent(observed, baselineValue);
  const passed = compare(growth, parsed.operator, parsed.value);
  const comparison = `${subject} was ${withUnit(observed, unit)} against a baseline of ${withUnit(baselineValue, unit)} (${formatPercent(growth)})`;
  return check({
    ...base,
    status: passed ? 'pass' : 'fail',
    observed,
    samples,
    message: `${comparison}, ${passed ? 'within' : 'breaching'} ${item.expression}`,
    ...(passed ? {} : { reason: 'regression' as const }),
  });
}

function needsSampleCount(descriptor: MetricDescriptor | undefined): boolean {
  return descriptor?.type === 'trend' || descriptor?.type === 'rate';
}
