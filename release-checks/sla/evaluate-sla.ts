import { check } from '../../core/check.ts';
import type { Check } from '../../core/check.ts';
import type { ReleaseChecksConfig } from '../config.ts';
import type { SecurityFix } from '../manifest.ts';
import { listSome } from '../scans/evaluate-scans.ts';

export type SlaObservation = {
  /** Every fix the candidate manifest lists; the priorities under SLA are picked by config. */
  fixes: SecurityFix[];
};

const HOUR = 3_600_000;

export interface SlaTiming {
  fix: SecurityFix;
  hoursSinceDisclosure: number;
  /** When promotion would land if started now: disclosure + elapsed + lead time. */
  hoursAtPromotion: number;
  late: boolean;
}

export function slaTimings(config: ReleaseChecksConfig['sla'], obs: SlaObservation, nowMs: number): SlaTiming[] {
  const priorities = new Set(config.priorities.map((p) => p.toUpperCase()));
  return obs.fixes
    .filter((f) => priorities.has(f.priority.toUpperCase()))
    .map((fix) => {
      const hoursSinceDisclosure = (nowMs - Date.parse(fix.disclosedAt)) / HOUR;
      const hoursAtPromotion = hoursSinceDisclosure + config.promotionLeadTimeHours;
      return { fix, hoursSinceDisclosure, hoursAtPromotion, late: hoursAtPromotion > config.windowHours };
    });
}

const h = (n: number) => `${n.toFixed(1)} h`;

export function evaluateSla(config: ReleaseChecksConfig['sla'], obs: SlaObservation, nowMs: number): Check {
  const id = 'sla.security-patch';
  const title = `Security-patch SLA (${config.priorities.join('/')} within ${config.windowHours} h)`;
  const timings = slaTimings(config, obs, nowMs);
  if (timings.length === 0) {
    return check({ id, title, status: 'skipped', blocking: false, observed: null, message: `release lists no ${config.priorities.join('/')} security fix` });
  }
  const future = timings.filter((t) => t.hoursSinceDisclosure < 0);
  const late = timings.filter((t) => t.late);
  const worst = Math.max(...timings.map((t) => t.hoursSinceDisclosure));
  const threshold = `hours since disclosure + ${config.promotionLeadTimeHours} h lead time <= ${config.windowHours} h`;
  const line = (t: SlaTiming) =>
    `${t.fix.id} (${t.fix.priority}) disclosed ${t.fix.disclosedAt}, ${h(t.hoursSinceDisclosure)} ago; promotion would land at ${h(t.hoursAtPromotion)}`;
  if (future.length > 0) {
    return check({
      id,
      title,
      status: 'inconclusive',
      observed: worst,
      unit: 'h',
      threshold,
      reason: 'no_data',
      message: `disclosure time is in the future (clock skew or a typo): ${listSome(future.map((t) => `${t.fix.id} disclosed ${t.fix.disclosedAt}`))}`,
    });
  }
  return check({
    id,
    title,
    status: late.length > 0 ? 'fail' : 'pass',
    observed: Number(worst.toFixed(2)),
    unit: 'h',
    threshold,
    samples: timings.length,
    reason: late.length > 0 ? 'threshold_breached' : undefined,
    message:
      late.length > 0
        ? `promotion can no longer happen within ${config.windowHours} h of disclosure: ${listSome(late.map(line))}`
        : `${timings.length} fix(es) can still be promoted in time: ${listSome(timings.map((t) => `${line(t)}, ${h(config.windowHours - t.hoursAtPromotion)} to spare`))}`,
  });
}
