import type { Check } from '../check.ts';
import type { MetricSource } from '../metrics.ts';
import { evaluateThreshold, type EvaluateThresholdsOptions } from './evaluate.ts';
import { parseDelay, thresholdItems, type ThresholdsSpec } from './spec.ts';

export interface AbortDecision {
  /** `<key>:<expression>`, as the check id. */
  id: string;
  key: string;
  threshold: string;
  /** The failing check, for the abort message and the report. */
  check: Check;
}

/**
 * For engines that evaluate while running: the abortOnFail thresholds that fail now and are past their
 * delayAbortEval grace (k6: abort once the grace is shorter than the elapsed time). Only a real failure
 * aborts; no data or a missing baseline does not. Empty → keep going.
 */
export function shouldAbort(
  spec: ThresholdsSpec,
  current: MetricSource,
  elapsedMs: number,
  options: Pick<EvaluateThresholdsOptions, 'baseline' | 'minSamples'> = {},
): AbortDecision[] {
  const decisions: AbortDecision[] = [];
  for (const item of thresholdItems(spec)) {
    if (!item.abortOnFail) continue;
    const graceMs = item.delayAbortEval === undefined ? 0 : parseDelay(item.delayAbortEval);
    // A grace that is not a duration was reported by validation; never abort on a misread grace.
    if (graceMs === undefined || (item.delayAbortEval !== undefined && !(elapsedMs > graceMs))) continue;
    const result = evaluateThreshold(item, current, options);
    if (result.status === 'fail') decisions.push({ id: result.id, key: item.key, threshold: item.expression, check: result });
  }
  return decisions;
}
