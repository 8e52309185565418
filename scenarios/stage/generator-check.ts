import { check, type Check } from '../../core/check.ts';
import type { LoadConfig } from './config.ts';
import type { LoadSummary } from './observation.ts';

/** Is the generator fit to judge by? pass, inconclusive (generator_unhealthy / no_data), or skipped for k6. */
export function generatorCheck(limits: LoadConfig['generator'], summary: Pick<LoadSummary, 'backend' | 'generator'>): Check {
  const base = { id: 'load:generator-health', title: 'Load generator kept its schedule' };
  const threshold = `send lag p99 ≤ ${limits.maxSendLagP99Ms} ms, event-loop delay p99 ≤ ${limits.maxEventLoopDelayP99Ms} ms`;
  if (summary.backend === 'k6') {
    return check({ ...base, status: 'skipped', blocking: false, observed: null, threshold, message: 'k6 measures its own schedule; the embedded generator health does not apply' });
  }
  const health = summary.generator;
  if (!health?.sendLagMs) {
    return check({ ...base, status: 'inconclusive', observed: null, threshold, reason: 'no_data', message: 'the generator recorded no send times, so its health is unknown' });
  }
  const lag = health.sendLagMs.p99;
  const loop = health.eventLoopDelayMs?.p99 ?? null;
  const problems: string[] = [];
  if (lag > limits.maxSendLagP99Ms) problems.push(`send lag p99 was ${lag.toFixed(1)} ms`);
  if (loop !== null && loop > limits.maxEventLoopDelayP99Ms) problems.push(`event-loop delay p99 was ${loop.toFixed(1)} ms`);
  const measured = `send lag p99 ${lag.toFixed(2)} ms${loop === null ? '' : `, event-loop delay p99 ${loop.toFixed(2)} ms`} over ${health.sendLagMs.samples} sends`;
  if (problems.length === 0) return check({ ...base, status: 'pass', observed: lag, unit: 'ms', threshold, samples: health.sendLagMs.samples, message: `the generator kept its schedule: ${measured}` });
  return check({
    ...base,
    status: 'inconclusive',
    observed: lag,
    unit: 'ms',
    threshold,
    samples: health.sendLagMs.samples,
    reason: 'generator_unhealthy',
    message: `the load generator could not keep its schedule (${problems.join(', ')}): latency and error checks of this run cannot be trusted; give it more CPU or fewer workers`,
  });
}

/** A sick generator makes the judged load checks inconclusive: it is not the platform's fault. */
export function downgradeForGenerator(checks: Check[], generator: Check): Check[] {
  if (generator.reason !== 'generator_unhealthy') return checks;
  return checks.map((c) =>
    c.status === 'pass' || c.status === 'fail' || c.status === 'warn'
      ? { ...c, status: 'inconclusive', reason: 'generator_unhealthy', message: `${c.message} — not judged: the load generator was unhealthy` }
      : c,
  );
}
