import type { MetricDescriptor } from '../../core/metrics.ts';
import { MetricRegistry } from '../../core/metrics/index.ts';

const REQUEST_TAGS = ['scenario', 'flow', 'step', 'method', 'status'] as const;

/** What the load stage emits: k6's names and tags, plus the generator's own health. */
export const LOAD_METRICS: readonly MetricDescriptor[] = [
  { name: 'http_reqs', type: 'counter', tags: REQUEST_TAGS, description: 'HTTP requests completed' },
  { name: 'http_req_duration', type: 'trend', contains: 'time', tags: REQUEST_TAGS, description: 'from the intended send time to the end of the answer (no coordinated omission)' },
  { name: 'http_req_failed', type: 'rate', tags: REQUEST_TAGS, description: 'requests with an unexpected status or no answer' },
  { name: 'http_req_server_errors', type: 'rate', tags: REQUEST_TAGS, description: 'requests answered 5xx or not at all' },
  { name: 'iterations', type: 'counter', tags: ['scenario', 'flow'] },
  { name: 'iteration_duration', type: 'trend', contains: 'time', tags: ['scenario', 'flow'] },
  { name: 'iterations_interrupted', type: 'counter', tags: ['scenario', 'flow'], description: 'iterations cut short by an error, a failed extraction or the end of gracefulStop' },
  { name: 'dropped_iterations', type: 'counter', tags: ['scenario'], description: 'scheduled iterations that were never started' },
  { name: 'checks', type: 'rate', tags: ['scenario', 'flow', 'step', 'check'] },
  { name: 'vus', type: 'gauge', tags: ['scenario'] },
  { name: 'vus_max', type: 'gauge', tags: ['scenario'] },
  { name: 'generator_send_lag', type: 'trend', contains: 'time', description: 'actual minus intended send time of each request' },
];

export function newLoadRegistry(): MetricRegistry {
  return new MetricRegistry(LOAD_METRICS, { trendSink: 'hdr' });
}
