import { SUMMARY_BEGIN, SUMMARY_END, type RunnerSummary } from '../runner-summary.ts';

export interface RunnerNumbers {
  requests: number;
  /** Requests that failed (and answered 5xx). */
  failed: number;
  iterations?: number;
  dropped?: number;
  vus?: number;
  p95: number;
  max: number;
  avg: number;
  durationMs?: number;
}

/** A runner's handleSummary data as k6 gives it, from a few numbers. */
export function runnerSummary(n: RunnerNumbers): RunnerSummary {
  const seconds = (n.durationMs ?? 10_000) / 1000;
  const iterations = n.iterations ?? n.requests;
  const ok = n.requests - n.failed;
  const metrics: RunnerSummary['metrics'] = {
    http_reqs: { type: 'counter', values: { count: n.requests, rate: n.requests / seconds } },
    iterations: { type: 'counter', values: { count: iterations, rate: iterations / seconds } },
    vus_max: { type: 'gauge', values: { value: n.vus ?? 10, min: n.vus ?? 10, max: n.vus ?? 10 } },
    http_req_duration: { type: 'trend', contains: 'time', values: { avg: n.avg, min: 1, med: n.p95 / 2, max: n.max, 'p(50)': n.p95 / 2, 'p(90)': n.p95 * 0.9, 'p(95)': n.p95, 'p(99)': n.max * 0.9, 'p(99.9)': n.max } },
    http_req_failed: { type: 'rate', values: { rate: n.failed / n.requests, passes: n.failed, fails: ok } },
    http_req_server_errors: { type: 'rate', values: { rate: n.failed / n.requests, passes: n.failed, fails: ok } },
  };
  if (n.dropped) metrics['dropped_iterations'] = { type: 'counter', values: { count: n.dropped, rate: n.dropped / seconds } };
  return { metrics, state: { testRunDurationMs: n.durationMs ?? 10_000 } };
}

/** What a runner pod's k6 container prints: log lines on stderr interleaved with the marked summary on stdout. */
export function runnerLog(summary: RunnerSummary | undefined): string {
  const lines = ['time="2026-11-27T07:00:00Z" level=info msg="starting"', 'time="2026-11-27T07:00:10Z" level=warning msg="request timeout"'];
  if (summary) lines.push(`${SUMMARY_BEGIN}${JSON.stringify({ metrics: summary.metrics, state: { isStdOutTTY: false, ...summary.state } })}${SUMMARY_END}`);
  return `${lines.join('\n')}\n`;
}
