import { check, type Check, type Statistics } from '../../core/check.ts';
import type { CanaryObservation, CanaryStepObservation } from '../canary/drill.ts';
import type { MetricComparison } from '../canary/judge.ts';
import type { CanaryConfig } from '../config.ts';

const TEST_NAME = 'Mann-Whitney U (two-sided, normal approximation, tie-corrected), Hodges-Lehmann CI';

function statisticsOf(comparison: MetricComparison | undefined): Statistics | undefined {
  if (!comparison?.test) return undefined;
  return {
    test: TEST_NAME,
    sampleSize: comparison.baselineSamples + comparison.candidateSamples,
    pValue: comparison.test.pValue,
    confidence: comparison.test.confidence,
    adjustedPValue: comparison.test.adjustedPValue,
    correction: 'bonferroni over the step\'s 2 metrics',
  };
}

/** The comparison that decided a step: the failing one, else the latency one. */
function decisive(step: CanaryStepObservation): MetricComparison | undefined {
  return step.comparisons.find((c) => c.classification === 'high') ?? step.comparisons.find((c) => c.classification !== 'pass') ?? step.comparisons[0];
}

function stepCheck(step: CanaryStepObservation): Check {
  const main = decisive(step);
  return check({
    id: `rollout.canary.step.${step.weight}`,
    title: `canary at ${step.weight}%: candidate vs baseline`,
    blocking: false,
    status: step.verdict,
    reason: step.verdict === 'fail' ? 'regression' : step.verdict === 'inconclusive' ? (main?.classification === 'unattributed' ? 'no_data' : 'insufficient_samples') : undefined,
    observed: main?.classification ?? null,
    threshold: 'latency p50/p95/p99 <= +20%, 5xx rate <= +10%',
    samples: main ? main.baselineSamples + main.candidateSamples : 0,
    statistics: statisticsOf(step.comparisons.find((c) => c.classification === 'high') ?? step.comparisons[0]),
    message: [...step.comparisons.map((c) => c.message), ...(step.failures.length ? [`failed: ${step.failures.join(', ')}`] : [])].join('; '),
    durationMs: step.durationMs,
  });
}

/** Per-step checks (reported), the canary's verdict, the rollback and the traffic's own health (blocking). */
export function canaryChecks(config: CanaryConfig, observed: CanaryObservation): Check[] {
  const checks = observed.steps.map(stepCheck);
  const failed = observed.steps.find((s) => s.verdict === 'fail');
  const planned = config.steps.map((s) => s.weight);
  const decisiveMissing = planned.filter((w) => w >= config.decisiveFromWeight).filter((w) => observed.steps.find((s) => s.weight === w)?.verdict !== 'pass');
  const last = observed.steps.at(-1);
  if (failed) {
    checks.push(check({
      id: 'rollout.canary', title: 'canary analysis', status: 'fail', reason: 'regression', observed: `failed at ${failed.weight}%`,
      threshold: 'every step from ' + `${config.decisiveFromWeight}% passes`, samples: decisive(failed)?.candidateSamples,
      statistics: statisticsOf(decisive(failed)),
      message: `the candidate regressed at ${failed.weight}%: ${decisive(failed)?.message ?? ''}; weight taken back to 0${observed.rollback ? ` in ${observed.rollback.ms} ms` : ''}`,
    }));
  } else if (decisiveMissing.length > 0) {
    checks.push(check({
      id: 'rollout.canary', title: 'canary analysis', status: 'inconclusive', reason: 'insufficient_samples', observed: `stopped at ${observed.stoppedAtWeight}%`,
      threshold: `every step from ${config.decisiveFromWeight}% passes`,
      message: `no decision at ${decisiveMissing.join('%, ')}%: too few samples or the step did not run`,
    }));
  } else {
    checks.push(check({
      id: 'rollout.canary', title: 'canary analysis', status: 'pass', observed: 'promoted to 100%', threshold: `every step from ${config.decisiveFromWeight}% passes`,
      samples: last ? decisive(last)?.candidateSamples : undefined, statistics: last ? statisticsOf(last.comparisons[0]) : undefined,
      message: `candidate matched the baseline at ${planned.join('%, ')}% (lighter steps may lack samples)`,
    }));
  }
  if (observed.rollback) {
    const r = observed.rollback;
    const ok = r.ms <= config.maxRollbackMs && r.candidateServedAfter === 0 && r.weightsAfter[observed.candidatePool] === 0;
    checks.push(check({
      id: 'rollout.canary.rollback', title: 'canary rollback to weight 0', status: ok ? 'pass' : 'fail', reason: ok ? undefined : 'threshold_breached',
      observed: r.ms, unit: 'ms', threshold: `value<=${config.maxRollbackMs}`, durationMs: r.ms,
      message: `weight back to 0 in ${r.ms} ms; ${r.candidateServedAfter} request(s) still reached ${observed.candidatePool} afterwards`,
    }));
  }
  checks.push(trafficCheck('rollout.canary.traffic', observed.traffic));
  return checks;
}

/** The generator's own health: arrivals it could not send make the drill's numbers incomplete, not the release bad. */
export function trafficCheck(id: string, traffic: { sent: number; dropped: number }): Check {
  const total = traffic.sent + traffic.dropped;
  const share = total === 0 ? 1 : traffic.dropped / total;
  const ok = total > 0 && share <= 0.01;
  return check({
    id, title: 'background traffic was sent as scheduled', status: ok ? 'pass' : 'inconclusive', reason: ok ? undefined : total === 0 ? 'no_data' : 'generator_unhealthy',
    observed: share, unit: 'ratio', threshold: 'rate<=0.01', samples: total,
    message: `${traffic.sent} sent, ${traffic.dropped} dropped (too many in flight)`,
  });
}
