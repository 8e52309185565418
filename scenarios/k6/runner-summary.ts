import { COUNT_FOR, type K6LegacySummary } from './summary.ts';

/** Markers around the summary JSON the rendered script's handleSummary prints to stdout. */
export const SUMMARY_BEGIN = '<<<greenlight:k6-summary:begin>>>';
export const SUMMARY_END = '<<<greenlight:k6-summary:end>>>';

export type K6MetricType = 'counter' | 'gauge' | 'rate' | 'trend';

/** One metric as k6 hands it to handleSummary. */
export interface K6SummaryMetric {
  type: K6MetricType;
  contains?: string;
  values: Record<string, number>;
}

/** What one runner printed: handleSummary's `metrics` and `state`. */
export interface RunnerSummary {
  metrics: Record<string, K6SummaryMetric>;
  state?: { testRunDurationMs?: number };
}

/** How trend statistics of several runners were combined. */
export type MergeMode = 'single-runner' | 'max-of-runners';

const TYPES = new Set<string>(['counter', 'gauge', 'rate', 'trend']);

/** The last summary between the markers in a runner's log, or why there is none. */
export function extractRunnerSummary(log: string): RunnerSummary | { error: string } {
  const begin = log.lastIndexOf(SUMMARY_BEGIN);
  if (begin === -1) return { error: 'printed no summary (the runner did not reach the end of the test)' };
  const end = log.indexOf(SUMMARY_END, begin);
  if (end === -1) return { error: 'printed a truncated summary (no end marker)' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(log.slice(begin + SUMMARY_BEGIN.length, end));
  } catch (error) {
    return { error: `printed a summary that is not JSON: ${(error as Error).message}` };
  }
  const metrics = (parsed as { metrics?: unknown } | null)?.metrics;
  if (!metrics || typeof metrics !== 'object' || Array.isArray(metrics)) return { error: 'printed a summary without a "metrics" object' };
  for (const [key, metric] of Object.entries(metrics)) {
    const m = metric as Partial<K6SummaryMetric> | null;
    if (!m || !TYPES.has(String(m.type)) || !m.values || typeof m.values !== 'object') return { error: `printed a summary whose metric "${key}" has no type and values` };
  }
  const duration = (parsed as { state?: { testRunDurationMs?: unknown } }).state?.testRunDurationMs;
  return { metrics: metrics as RunnerSummary['metrics'], ...(typeof duration === 'number' ? { state: { testRunDurationMs: duration } } : {}) };
}

const finite = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

/** The sample count of a trend in one runner, from the counter of the same tags (`http_reqs{…}` for `http_req_duration{…}`). */
function trendSamples(runner: RunnerSummary, key: string): number | undefined {
  const brace = key.indexOf('{');
  const name = brace === -1 ? key : key.slice(0, brace);
  const counter = COUNT_FOR[name];
  const count = counter ? runner.metrics[`${counter}${brace === -1 ? '' : key.slice(brace)}`]?.values['count'] : undefined;
  return finite(count) ? count : undefined;
}

function mergeTrend(key: string, parts: { runner: RunnerSummary; metric: K6SummaryMetric }[]): Record<string, number> {
  const out: Record<string, number> = {};
  const stats = new Set(parts.flatMap((p) => Object.keys(p.metric.values)));
  for (const stat of stats) {
    const values = parts.map((p) => p.metric.values[stat]).filter(finite);
    if (values.length === 0) continue;
    out[stat] = stat === 'min' ? Math.min(...values) : Math.max(...values);
  }
  // The mean merges exactly when every runner's sample count is known.
  const weights = parts.map((p) => trendSamples(p.runner, key));
  if (weights.every(finite) && parts.every((p) => finite(p.metric.values['avg']))) {
    const total = sum(weights as number[]);
    if (total > 0) out['avg'] = sum(parts.map((p, i) => p.metric.values['avg']! * (weights[i] as number))) / total;
  }
  return out;
}

/**
 * N runners' summaries as one: counter counts and rate passes/fails are summed and their rates recomputed from the
 * sums (a counter's per-second rate over the longest runner); gauges (VUs) are summed, each runner having its own;
 * trend min/max are exact, the mean is count-weighted, and percentiles, which cannot be merged from summaries, take the
 * largest runner's value: an upper bound, so a latency threshold that passes on it holds for the whole run.
 */
export function mergeRunnerSummaries(runners: readonly RunnerSummary[]): { summary: RunnerSummary; merged: MergeMode } {
  if (runners.length === 0) throw new RangeError('no runner summaries to merge');
  if (runners.length === 1) return { summary: runners[0]!, merged: 'single-runner' };
  const durations = runners.map((r) => r.state?.testRunDurationMs).filter(finite);
  const seconds = durations.length === runners.length ? Math.max(...durations) / 1000 : undefined;
  const keys = [...new Set(runners.flatMap((r) => Object.keys(r.metrics)))];
  const metrics: RunnerSummary['metrics'] = {};
  for (const key of keys) {
    const parts = runners.flatMap((runner) => (runner.metrics[key] ? [{ runner, metric: runner.metrics[key]! }] : []));
    const first = parts[0]!.metric;
    const total = (stat: string) => sum(parts.map((p) => p.metric.values[stat]).filter(finite));
    let values: Record<string, number>;
    switch (first.type) {
      case 'counter': {
        const count = total('count');
        values = { count, rate: seconds ? count / seconds : total('rate') };
        break;
      }
      case 'rate': {
        const passes = total('passes');
        const fails = total('fails');
        values = { rate: passes + fails > 0 ? passes / (passes + fails) : 0, passes, fails };
        break;
      }
      case 'gauge':
        values = { value: total('value'), min: total('min'), max: total('max') };
        break;
      case 'trend':
        values = mergeTrend(key, parts);
        break;
    }
    metrics[key] = { type: first.type, ...(first.contains ? { contains: first.contains } : {}), values };
  }
  return { summary: { metrics, ...(seconds !== undefined ? { state: { testRunDurationMs: seconds * 1000 } } : {}) }, merged: 'max-of-runners' };
}

/** handleSummary's shape as `--summary-export`'s (a Rate's rate is `value`), which the metric source reads. */
export function toLegacySummary(summary: RunnerSummary): K6LegacySummary {
  const metrics: K6LegacySummary['metrics'] = {};
  for (const [key, metric] of Object.entries(summary.metrics)) {
    const { rate, ...rest } = metric.values;
    metrics[key] = metric.type === 'rate' ? { value: rate, ...rest } : { ...metric.values };
  }
  return { metrics };
}
