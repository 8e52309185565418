import { check } from '../../core/check.ts';
import type { Check } from '../../core/check.ts';
import { listSome } from '../scans/evaluate-scans.ts';

export type FlagsObservation = {
  candidate: Record<string, boolean>;
  /** Flags of the production manifest; undefined when production is known by version only. */
  production?: Record<string, boolean>;
};

/** A flag the candidate introduces ships off: turning it on is a separate, reversible decision. */
export function evaluateFlags(obs: FlagsObservation): Check {
  const id = 'flags.new-default-off';
  const title = 'New feature flags default off';
  if (!obs.production) {
    return check({ id, title, status: 'skipped', blocking: false, observed: null, message: 'production is known by version only, so new flags cannot be told apart' });
  }
  const prod = obs.production;
  const added = Object.keys(obs.candidate).filter((f) => !(f in prod)).sort();
  const on = added.filter((f) => obs.candidate[f] === true);
  return check({
    id,
    title,
    status: on.length > 0 ? 'fail' : 'pass',
    observed: on.length,
    unit: 'new flags on',
    threshold: 'every new flag false',
    samples: added.length,
    reason: on.length > 0 ? 'threshold_breached' : undefined,
    message:
      on.length > 0
        ? `${on.length} new flag(s) ship switched on: ${listSome(on)}; ship them off and enable them after promotion`
        : added.length > 0
          ? `${added.length} new flag(s), all off: ${listSome(added)}`
          : 'the release adds no feature flag',
  });
}
