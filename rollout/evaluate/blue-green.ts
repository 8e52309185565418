import { check, type Check } from '../../core/check.ts';
import type { ApiStepResult } from '../../smoke/index.ts';
import type { BlueGreenObservation, CutoverObservation } from '../blue-green/drill.ts';
import type { BlueGreenConfig } from '../config.ts';
import { trafficCheck } from './canary.ts';

function smokeCheck(id: string, title: string, steps: ApiStepResult[]): Check {
  const bad = steps.find((s) => s.status !== 'pass' && s.status !== 'skipped');
  const status = steps.length === 0 ? 'inconclusive' : bad ? (bad.status === 'fail' ? 'fail' : 'inconclusive') : 'pass';
  return check({
    id, title, status, reason: bad?.reason ?? (steps.length === 0 ? 'no_data' : undefined), observed: `${steps.filter((s) => s.status === 'pass').length}/${steps.length} steps`,
    message: bad ? bad.message : `${steps.map((s) => s.step).join(' → ')} passed`, durationMs: steps.reduce((a, s) => a + s.durationMs, 0),
  });
}

const MIN_REQUESTS = 10;

function cutoverChecks(prefix: string, what: string, cut: CutoverObservation, maxMs: number): Check[] {
  const measurable = cut.requests >= MIN_REQUESTS;
  return [
    check({
      id: `${prefix}.failed-requests`, title: `${what} under load drops no request`, status: !measurable ? 'inconclusive' : cut.failed === 0 ? 'pass' : 'fail',
      reason: !measurable ? 'insufficient_samples' : cut.failed > 0 ? 'threshold_breached' : undefined, observed: cut.failed, threshold: 'count<1', samples: cut.requests,
      message: cut.failed === 0 ? `${cut.requests} requests around the ${what}, none failed` : `${cut.failed} of ${cut.requests} requests failed: ${cut.failures.join('; ')}`,
    }),
    check({
      id: `${prefix}.time`, title: `${what} time`, status: cut.ms <= maxMs ? 'pass' : 'fail', reason: cut.ms <= maxMs ? undefined : 'threshold_breached',
      observed: cut.ms, unit: 'ms', threshold: `value<=${maxMs}`, durationMs: cut.ms, message: `all traffic to ${cut.to} in ${cut.ms} ms`,
    }),
    check({
      id: `${prefix}.routing`, title: `after the ${what} only ${cut.to} answers`, status: !measurable ? 'inconclusive' : cut.servedByOldAfter === 0 ? 'pass' : 'fail',
      reason: !measurable ? 'insufficient_samples' : cut.servedByOldAfter > 0 ? 'threshold_breached' : undefined, observed: cut.servedByOldAfter, threshold: 'count<1',
      message: `${cut.servedByOldAfter} request(s) reached the old pool after the edge confirmed the ${what}`,
    }),
  ];
}

export function blueGreenChecks(config: BlueGreenConfig, observed: BlueGreenObservation): Check[] {
  const checks: Check[] = [];
  if (config.smoke) checks.push(smokeCheck('rollout.blue-green.smoke-before', `smoke on ${observed.candidatePool} before the switch`, observed.smokeBefore));
  checks.push(...cutoverChecks('rollout.blue-green.switch', 'switch', observed.switch, config.maxSwitchMs));
  if (config.smoke) checks.push(smokeCheck('rollout.blue-green.smoke-after', 'post-deploy smoke through the edge', observed.smokeAfter));
  if (observed.rollback) checks.push(...cutoverChecks('rollout.blue-green.rollback', 'rollback', observed.rollback, config.maxRollbackMs));
  else checks.push(check({ id: 'rollout.blue-green.rollback', title: 'rollback drill', status: 'inconclusive', reason: 'no_data', observed: null, message: 'the rollback drill did not run' }));
  checks.push(trafficCheck('rollout.blue-green.traffic', observed.traffic));
  return checks;
}
