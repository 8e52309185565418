import { ConfigError, errorMessage, formatIssue, type ConfigIssue } from '../../core/errors.ts';
import { EXIT } from '../../core/exit-codes.ts';
import { parseDelay } from '../../core/thresholds/index.ts';
import { isLoopbackUrl } from '../engine/http-target.ts';
import { runLoad, type LoadRunResult } from '../engine/run-load.ts';
import { scenarioSchema, type Scenario } from '../model/scenario.ts';
import { latencyOf } from '../stage/summarize.ts';
import { generatorCheck } from '../stage/generator-check.ts';
import { loadConfigSchema } from '../stage/config.ts';

interface Out {
  write(chunk: string): unknown;
}

/** `greenlight load url <URL> --rate <per-second> --duration <20s> [--method GET] [--json] [--workers N] [--precise]`. */
export interface LoadUrlOptions {
  url: string;
  rate: number | string;
  duration: string;
  method?: string;
  json?: boolean;
  workers?: number;
  /** `--precise`: spin for sub-millisecond send times (costs a core while waiting). */
  precise?: boolean;
  signal?: AbortSignal;
  stdout: Out;
  stderr: Out;
}

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'];

function toScenario(options: LoadUrlOptions): Scenario {
  const issues: ConfigIssue[] = [];
  let url: URL | undefined;
  try {
    url = new URL(options.url);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') issues.push({ path: 'url', message: `expected an http(s) URL, got ${options.url}` });
    else if (!isLoopbackUrl(options.url)) issues.push({ path: 'url', message: `only loopback targets are allowed (127.0.0.1, localhost, ::1), got ${url.hostname}` });
  } catch {
    issues.push({ path: 'url', message: `not a URL: ${JSON.stringify(options.url)}`, expected: 'http://127.0.0.1:8080/path' });
  }
  const rate = typeof options.rate === 'number' ? options.rate : Number(options.rate);
  if (!Number.isInteger(rate) || rate < 1 || rate > 1_000_000) issues.push({ path: '--rate', message: `expected a whole number of requests per second from 1 to 1000000, got ${JSON.stringify(options.rate)}` });
  const durationMs = parseDelay(options.duration);
  if (durationMs === undefined || durationMs <= 0 || durationMs > 3_600_000) issues.push({ path: '--duration', message: `expected a duration up to 1h like "20s" or "1m30s", got ${JSON.stringify(options.duration)}` });
  const method = (options.method ?? 'GET').toUpperCase();
  if (!METHODS.includes(method)) issues.push({ path: '--method', message: `unknown method ${JSON.stringify(options.method)}`, expected: METHODS.join(', ') });
  if (issues.length > 0 || !url) throw new ConfigError('invalid_load_url', issues);
  // Little's law with room for a stall of several seconds: VUs are cheap, dropped arrivals are not.
  const maxVUs = Math.min(100_000, Math.max(100, rate * 5));
  return scenarioSchema.parse({
    name: 'url',
    executor: { executor: 'constant-arrival-rate', rate, timeUnit: '1s', duration: options.duration, preAllocatedVUs: Math.min(maxVUs, Math.max(10, Math.ceil(rate / 10))), maxVUs, gracefulStop: '10s' },
    flows: [{ name: 'url', steps: [{ name: 'request', method, path: `${url.pathname}${url.search}`.replaceAll('{{', '%7B%7B') }] }],
  });
}

const fmt = (value: number | null | undefined, digits = 3) => (value === null || value === undefined ? '–' : String(Number(value.toFixed(digits))));

export function urlSummary(result: LoadRunResult, url: string) {
  const m = result.registry;
  const value = (name: string, method: 'count' | 'rate') => m.aggregate({ name, tags: {} }, method) ?? null;
  const latency = latencyOf(m);
  return {
    url,
    scenario: result.scenario,
    durationMs: Math.round(result.durationMs),
    metrics: {
      http_reqs: { count: value('http_reqs', 'count') ?? 0, rate: value('http_reqs', 'rate') },
      http_req_duration: { avg: latency.avg, 'p(50)': latency.p50, 'p(90)': latency.p90, 'p(95)': latency.p95, 'p(99)': latency.p99, 'p(99.9)': latency['p99.9'], max: latency.max },
      http_req_failed: { rate: value('http_req_failed', 'rate') },
      iterations: { count: value('iterations', 'count') ?? 0 },
      dropped_iterations: { count: value('dropped_iterations', 'count') ?? 0 },
      vus_max: { value: result.vusMax },
    },
    generator: result.health,
    aborted: result.aborted ?? null,
  };
}

/** Loads one loopback URL at a constant arrival rate and prints latency percentiles. Returns the exit code. */
export async function loadUrl(options: LoadUrlOptions): Promise<number> {
  let scenario: Scenario;
  try {
    scenario = toScenario(options);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    for (const issue of error.issues) options.stderr.write(`greenlight load url: ${formatIssue(issue)}\n`);
    return EXIT.USAGE;
  }
  let result: LoadRunResult;
  try {
    result = await runLoad({ scenario, baseUrl: new URL(options.url).origin, workers: options.workers ?? 1, scheduler: options.precise ? 'spin' : 'timer', signal: options.signal });
  } catch (error) {
    options.stderr.write(`greenlight load url: the load run failed: ${errorMessage(error)}\n`);
    return EXIT.INCONCLUSIVE;
  }
  const summary = urlSummary(result, options.url);
  const health = generatorCheck(loadConfigSchema.shape.generator.parse(undefined), { backend: 'embedded', generator: result.health });
  const { count: requests } = summary.metrics.http_reqs;
  const failedRate = summary.metrics.http_req_failed.rate ?? 0;
  const dropped = summary.metrics.dropped_iterations.count;
  if (options.json) {
    options.stdout.write(`${JSON.stringify({ ...summary, generatorHealthy: health.status === 'pass', timeline: result.timeline }, null, 2)}\n`);
  } else {
    const d = summary.metrics.http_req_duration;
    const lag = result.health.sendLagMs;
    options.stdout.write(
      [
        `${options.url}: ${scenario.executor.executor === 'constant-arrival-rate' ? scenario.executor.rate : ''}/s for ${options.duration} (latency from the intended send time)`,
        `requests   ${requests} (${fmt(summary.metrics.http_reqs.rate, 1)}/s), failed ${Math.round(failedRate * requests)} (${fmt(failedRate * 100, 2)}%), dropped ${dropped}, VUs max ${result.vusMax}`,
        `latency ms p50 ${fmt(d['p(50)'])}  p90 ${fmt(d['p(90)'])}  p95 ${fmt(d['p(95)'])}  p99 ${fmt(d['p(99)'])}  p99.9 ${fmt(d['p(99.9)'])}  max ${fmt(d.max)}`,
        `generator  send lag p99 ${fmt(lag?.p99)} ms, event-loop delay p99 ${fmt(result.health.eventLoopDelayMs?.p99)} ms${health.status === 'pass' ? '' : ' — UNHEALTHY: the numbers above are not trustworthy'}`,
        result.aborted ? `aborted    ${result.aborted.detail}` : '',
      ].filter(Boolean).join('\n') + '\n',
    );
  }
  if (requests === 0 || health.status !== 'pass' || result.aborted) return EXIT.INCONCLUSIVE;
  return dropped > 0 || failedRate > 0 ? EXIT.NO_GO : EXIT.GO;
}
