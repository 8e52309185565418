import semver from 'semver';
import { check } from '../../core/check.ts';
import type { Check } from '../../core/check.ts';
import { listSome } from '../scans/evaluate-scans.ts';
import type { DestructiveChange } from './destructive-sql.ts';

export type SemverObservation = {
  candidate: string;
  production: { version: string; source: string };
  migrationFiles: string[];
  destructive: DestructiveChange[];
  /** Routes the candidate no longer serves; undefined when either manifest has no route list. */
  removedRoutes?: string[];
};

/** Strict SemVer 2.0.0: no `v` prefix, no leading zeros, no whitespace. */
export function isStrictSemver(version: string): boolean {
  const parsed = semver.parse(version);
  if (!parsed) return false;
  return version === (parsed.build.length > 0 ? `${parsed.version}+${parsed.build.join('.')}` : parsed.version);
}

/** A MAJOR bump, with 0.y.z treated as SemVer says: anything may break, so a MINOR bump counts. */
export function isMajorBump(from: string, to: string): boolean {
  const a = semver.parse(from);
  const b = semver.parse(to);
  if (!a || !b) return false;
  if (b.major > a.major) return true;
  return a.major === 0 && b.major === 0 && b.minor > a.minor;
}

export function evaluateSemver(obs: SemverObservation): Check[] {
  const valid = isStrictSemver(obs.candidate);
  const validCheck = check({
    id: 'semver.valid',
    title: 'Candidate version is SemVer',
    status: valid ? 'pass' : 'fail',
    observed: obs.candidate,
    threshold: 'MAJOR.MINOR.PATCH[-pre][+build] (SemVer 2.0.0)',
    reason: valid ? undefined : 'threshold_breached',
    message: valid ? `${obs.candidate} is valid SemVer` : `"${obs.candidate}" is not valid SemVer 2.0.0${semver.valid(obs.candidate) ? ` (did you mean ${semver.valid(obs.candidate)}?)` : ''}`,
  });
  const prod = obs.production.version;
  const ordered = valid && semver.gt(obs.candidate, prod);
  const orderCheck = check({
    id: 'semver.order',
    title: 'Candidate is newer than production',
    status: ordered ? 'pass' : 'fail',
    observed: obs.candidate,
    threshold: `> ${prod}`,
    reason: ordered ? undefined : 'threshold_breached',
    message: ordered
      ? `${obs.candidate} > ${prod} (production, from ${obs.production.source})`
      : valid
        ? `${obs.candidate} is not greater than production ${prod} (from ${obs.production.source}); a release must move the version forward`
        : `cannot order "${obs.candidate}" against production ${prod}: not SemVer`,
  });
  return [validCheck, orderCheck, bumpCheck(obs, ordered)];
}

function bumpCheck(obs: SemverObservation, ordered: boolean): Check {
  const id = 'semver.bump';
  const title = 'Version bump matches the change';
  if (!ordered) return check({ id, title, status: 'skipped', blocking: false, observed: null, message: 'not judged: the candidate is not a valid version above production' });
  const breaking = [
    ...obs.destructive.map((d) => `${d.kind} in ${d.file}: ${d.statement}`),
    ...(obs.removedRoutes ?? []).map((r) => `removed route ${r}`),
  ];
  const diff = semver.diff(obs.production.version, obs.candidate) ?? 'none';
  const major = isMajorBump(obs.production.version, obs.candidate);
  const limits = [
    `${obs.migrationFiles.length} new migration file(s) read`,
    obs.removedRoutes === undefined ? 'routes not compared (a manifest has no route list)' : 'routes compared',
  ].join(', ');
  const fail = breaking.length > 0 && !major;
  return check({
    id,
    title,
    status: fail ? 'fail' : 'pass',
    observed: diff,
    threshold: breaking.length > 0 ? 'major (breaking change found)' : 'any bump (no breaking change found)',
    samples: breaking.length,
    reason: fail ? 'threshold_breached' : undefined,
    message: fail
      ? `${obs.production.version} → ${obs.candidate} is a ${diff} bump, but the release breaks compatibility and needs a MAJOR bump: ${listSome(breaking)}`
      : breaking.length > 0
        ? `MAJOR bump ${obs.production.version} → ${obs.candidate} covers ${breaking.length} breaking change(s) (${limits})`
        : `${diff} bump ${obs.production.version} → ${obs.candidate}; no destructive migration or removed route (${limits})`,
  });
}
