import { check, type Check } from '../../core/check.ts';
import { durationMs } from '../model/duration.ts';
import { observeAutoscaling, p95After } from './autoscaling.ts';
import type { LoadConfig } from './config.ts';
import type { LoadSummary } from './observation.ts';

/** Scale-out in time, p95 back under the SLO after it, scale-in after the load; missing history is inconclusive. */
export function autoscalingChecks(config: LoadConfig, summary: LoadSummary): Check[] {
  const criteria = config.autoscaling;
  if (!criteria) return [];
  const ids = { out: 'autoscaling:scale-out', p95: 'autoscaling:p95-after-scale-out', in: 'autoscaling:scale-in' };
  const titles = {
    out: `Pool scales out to ${criteria.expectedReplicas} replicas within ${criteria.scaleOutWithin}`,
    p95: `p95 back under ${criteria.p95SloMs} ms after the scale-out`,
    in: `Pool scales back in within ${criteria.scaleInWithin} after the load`,
  };
  const replicas = summary.replicas;
  if (!replicas || 'error' in replicas || summary.loadStartMs === null || summary.loadEndMs === null) {
    const why = replicas && 'error' in replicas ? `the replica history could not be read: ${replicas.error}` : 'the environment exposes no replica history (no autoscaler)';
    return (['out', 'p95', 'in'] as const).map((k) => check({ id: ids[k], title: titles[k], status: 'inconclusive', observed: null, reason: replicas && 'error' in replicas ? 'provider_error' : 'capability_missing', message: why }));
  }
  const seen = observeAutoscaling(replicas.history, { loadStartMs: summary.loadStartMs, loadEndMs: summary.loadEndMs, expectedReplicas: criteria.expectedReplicas });
  const outLimit = durationMs(criteria.scaleOutWithin);
  const inLimit = durationMs(criteria.scaleInWithin);
  const checks: Check[] = [];
  if (seen.samples === 0 || !seen.coversStart) {
    checks.push(check({ id: ids.out, title: titles.out, status: 'inconclusive', observed: null, reason: 'no_data', samples: seen.samples, message: 'the replica history does not reach back to the start of the load' }));
  } else if (seen.scaledOutAfterMs !== null && seen.scaledOutAfterMs <= outLimit) {
    checks.push(check({ id: ids.out, title: titles.out, status: 'pass', observed: seen.scaledOutAfterMs / 1000, unit: 's', threshold: `<= ${outLimit / 1000} s`, samples: seen.samples, message: `the pool went from ${seen.startReplicas} to ${criteria.expectedReplicas}+ replicas ${(seen.scaledOutAfterMs / 1000).toFixed(1)} s after the load started` }));
  } else {
    const when = seen.scaledOutAfterMs === null ? `never reached ${criteria.expectedReplicas} replicas (peak ${seen.peakReplicas})` : `reached ${criteria.expectedReplicas} replicas only after ${(seen.scaledOutAfterMs / 1000).toFixed(1)} s`;
    checks.push(check({ id: ids.out, title: titles.out, status: 'fail', observed: seen.scaledOutAfterMs === null ? null : seen.scaledOutAfterMs / 1000, unit: 's', threshold: `<= ${outLimit / 1000} s`, samples: seen.samples, reason: 'threshold_breached', message: `the pool ${when}` }));
  }
  if (seen.scaledOutAfterMs === null) {
    checks.push(check({ id: ids.p95, title: titles.p95, status: 'inconclusive', observed: null, reason: 'no_data', message: 'the pool never scaled out, so there is no after' }));
  } else {
    const fromS = (seen.scaledOutAfterMs + durationMs(criteria.settle)) / 1000;
    const toS = (summary.loadEndMs - summary.loadStartMs) / 1000;
    const p95 = p95After(summary.timeline, fromS, toS);
    if (!p95) checks.push(check({ id: ids.p95, title: titles.p95, status: 'inconclusive', observed: null, reason: 'insufficient_samples', message: `fewer than 3 seconds of load after the scale-out settled (from ${fromS.toFixed(1)} s to ${toS.toFixed(1)} s)` }));
    else {
      const ok = p95.value < criteria.p95SloMs;
      checks.push(check({ id: ids.p95, title: titles.p95, status: ok ? 'pass' : 'fail', observed: p95.value, unit: 'ms', threshold: `p(95) < ${criteria.p95SloMs}`, samples: p95.seconds, message: `median per-second p95 over ${p95.seconds} s after the scale-out was ${p95.value.toFixed(1)} ms`, ...(ok ? {} : { reason: 'threshold_breached' as const }) }));
    }
  }
  if (seen.scaledInAfterMs !== null && seen.scaledInAfterMs <= inLimit) {
    checks.push(check({ id: ids.in, title: titles.in, status: 'pass', observed: seen.scaledInAfterMs / 1000, unit: 's', threshold: `<= ${inLimit / 1000} s`, samples: seen.samples, message: `the pool shrank below its peak of ${seen.peakReplicas} ${(seen.scaledInAfterMs / 1000).toFixed(1)} s after the load` }));
  } else if (seen.scaledInAfterMs === null && (seen.observedUntilAfterEndMs ?? -1) < inLimit) {
    checks.push(check({ id: ids.in, title: titles.in, status: 'inconclusive', observed: null, reason: 'no_data', message: `the replica history ends ${((seen.observedUntilAfterEndMs ?? 0) / 1000).toFixed(1)} s after the load, before the ${criteria.scaleInWithin} allowed for scale-in` }));
  } else {
    checks.push(check({ id: ids.in, title: titles.in, status: 'fail', observed: seen.scaledInAfterMs === null ? null : seen.scaledInAfterMs / 1000, unit: 's', threshold: `<= ${inLimit / 1000} s`, reason: 'threshold_breached', message: `the pool stayed at ${seen.peakReplicas} replicas for more than ${criteria.scaleInWithin} after the load` }));
  }
  return checks;
}
