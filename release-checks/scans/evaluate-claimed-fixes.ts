import { check } from '../../core/check.ts';
import type { Check } from '../../core/check.ts';
import type { SecurityFix } from '../manifest.ts';
import { describeFinding, listSome } from './evaluate-scans.ts';
import type { ScansObservation } from './evaluate-scans.ts';

/** A release that says it fixes a vulnerability must not still carry it in its own scans. */
export function evaluateClaimedFixes(fixes: readonly SecurityFix[], scans: ScansObservation | undefined): Check {
  const id = 'scans.claimed-fixes';
  const title = 'Claimed security fixes are gone from the scans';
  if (fixes.length === 0) return check({ id, title, status: 'skipped', blocking: false, observed: null, message: 'the release claims no security fix' });
  if (!scans) return check({ id, title, status: 'skipped', blocking: false, observed: null, message: `${fixes.length} claimed fix(es) not verified: no scans configured` });
  const stillThere = fixes.flatMap((fix) => {
    const wanted = fix.id.toUpperCase();
    return scans.findings.filter((f) => [f.id, ...f.aliases].some((x) => x.toUpperCase() === wanted)).map((f) => ({ fix, finding: f }));
  });
  return check({
    id,
    title,
    status: stillThere.length > 0 ? 'fail' : 'pass',
    observed: stillThere.length,
    unit: 'findings',
    threshold: 'no finding for a claimed fix',
    samples: fixes.length,
    reason: stillThere.length > 0 ? 'threshold_breached' : undefined,
    message:
      stillThere.length > 0
        ? `the release claims to fix what its scans still report: ${listSome(stillThere.map(({ fix, finding }) => `${fix.id} (${fix.priority}): ${describeFinding(finding)}`))}`
        : `none of the ${fixes.length} claimed fix(es) appears in ${scans.reports.length} scan report(s): ${listSome(fixes.map((f) => f.id))}`,
  });
}
