import type { AggregationMethod, MetricType } from '../metrics.ts';
import { percentileOf } from '../metrics/index.ts';

/** k6's table of which aggregation methods each metric type supports. */
export const METHODS_BY_TYPE: Readonly<Record<MetricType, readonly string[]>> = {
  counter: ['count', 'rate'],
  gauge: ['value'],
  rate: ['rate'],
  trend: ['avg', 'min', 'max', 'med', 'p(N)'],
};

export function methodAllowed(type: MetricType, method: AggregationMethod): boolean {
  const allowed = METHODS_BY_TYPE[type];
  return allowed.includes(method) || (allowed.includes('p(N)') && percentileOf(method) !== undefined);
}
