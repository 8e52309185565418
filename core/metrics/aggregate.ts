import type { AggregationMethod } from '../metrics.ts';
import { percentileOf } from './metric-key.ts';
import { sinkSamples, type MetricSink } from './sinks.ts';

/**
 * k6's aggregates of one (merged) sink. Undefined when there is no sample or the method does not apply:
 * counter → count, rate (per second of `elapsedSeconds`); gauge → value, min, max; rate → rate;
 * trend → avg, min, max, med, p(N).
 */
export function aggregateSink(sink: MetricSink, method: AggregationMethod, elapsedSeconds: number): number | undefined {
  if (sinkSamples(sink) === 0) return undefined;
  switch (sink.type) {
    case 'counter':
      if (method === 'count') return sink.sum;
      if (method === 'rate') return elapsedSeconds > 0 ? sink.sum / elapsedSeconds : undefined;
      return undefined;
    case 'gauge':
      if (method === 'value') return sink.last;
      if (method === 'min') return sink.min;
      if (method === 'max') return sink.max;
      return undefined;
    case 'rate':
      return method === 'rate' ? sink.trues / sink.samples : undefined;
    case 'trend': {
      const trend = sink.trend;
      if (method === 'avg') return trend.mean();
      if (method === 'min') return trend.min();
      if (method === 'max') return trend.max();
      if (method === 'med') return trend.percentile(50);
      const percentile = percentileOf(method);
      return percentile === undefined ? undefined : trend.percentile(percentile);
    }
  }
}
