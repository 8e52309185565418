import type { AggregationMethod, MetricKey } from '../metrics.ts';
import { parseThreshold } from './parse-expression.ts';
import { parseThresholdKey } from './parse-key.ts';
import { ThresholdSyntaxError } from './syntax-error.ts';
import { thresholdItems, type ThresholdsSpec } from './spec.ts';

/** The well-formed metric keys a spec judges: pass them to summarizeMetrics so a stored run can serve as a baseline. */
export function thresholdKeys(spec: ThresholdsSpec): MetricKey[] {
  const keys: MetricKey[] = [];
  for (const raw of Object.keys(spec)) {
    try {
      keys.push(parseThresholdKey(raw));
    } catch (error) {
      if (!(error instanceof ThresholdSyntaxError)) throw error;
    }
  }
  return keys;
}

/** The aggregation methods a spec's well-formed expressions use (e.g. `p(97)`), for summarizeMetrics. */
export function thresholdMethods(spec: ThresholdsSpec): AggregationMethod[] {
  const methods = new Set<AggregationMethod>();
  for (const item of thresholdItems(spec)) {
    try {
      methods.add(parseThreshold(item.expression).method);
    } catch (error) {
      if (!(error instanceof ThresholdSyntaxError)) throw error;
    }
  }
  return [...methods];
}
