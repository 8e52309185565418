import { resolve, sep } from 'node:path';
import { check, noDataCheck } from '../core/check.ts';
import type { Check } from '../core/check.ts';
import { evaluateArtifacts } from './artifacts/evaluate-artifacts.ts';
import type { ReleaseChecksConfig } from './config.ts';
import { evaluateDrift } from './drift/evaluate-drift.ts';
import { evaluateFlags } from './flags/evaluate-flags.ts';
import type { ReleaseObservation } from './observation.ts';
import { evaluateClaimedFixes } from './scans/evaluate-claimed-fixes.ts';
import { evaluateScans } from './scans/evaluate-scans.ts';
import { evaluateSemver } from './semver/evaluate-semver.ts';
import { evaluateSla } from './sla/evaluate-sla.ts';

const notConfigured = (id: string, title: string, what: string): Check =>
  check({ id, title, status: 'skipped', blocking: false, observed: null, message: `not configured: add ${what} to the release stage config` });

/** Pure: every release check for one observation. Time-based judgements use the observation's clock reading. */
export function evaluateRelease(config: ReleaseChecksConfig, observation: ReleaseObservation): Check[] {
  const s = observation.summary;
  const nowMs = Date.parse(s.observedAt);
  const checks: Check[] = [...evaluateSemver(s.semver), ...evaluateArtifacts(s.artifacts), evaluateFlags(s.flags), evaluateSla(config.sla, s.sla, nowMs)];

  if (!config.scans) checks.push(notConfigured('scans.vulnerabilities', 'Dependency scans: no blocking vulnerability', 'scans.files'));
  else if (!s.scans) checks.push(noDataCheck('scans.vulnerabilities', 'Dependency scans: no blocking vulnerability', 'scans configured but no scan was read'));
  else checks.push(...evaluateScans(config.scans, s.scans, nowMs));

  checks.push(evaluateClaimedFixes(s.sla.fixes, s.scans));

  if (!config.drift) checks.push(notConfigured('drift.staging-production', 'Staging matches production', 'drift.staging and drift.production'));
  else if (!s.drift) checks.push(noDataCheck('drift.staging-production', 'Staging matches production', 'drift configured but nothing was compared'));
  else checks.push(evaluateDrift(config.drift.allow, s.drift));
  return config.baseDir ? checks.map((c) => ({ ...c, message: withinBaseDir(c.message, config.baseDir!) })) : checks;
}

/** Paths under the config's folder read shorter in messages; the observation keeps them absolute. */
function withinBaseDir(message: string, baseDir: string): string {
  const prefix = resolve(baseDir) + sep;
  return message.split(prefix).join('');
}
