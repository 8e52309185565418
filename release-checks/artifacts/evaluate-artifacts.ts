import { check, noDataCheck } from '../../core/check.ts';
import type { Check } from '../../core/check.ts';
import { listSome } from '../scans/evaluate-scans.ts';
import type { ArtifactsObservation, PriorBuild } from './observe-artifacts.ts';
import { shortDigest } from './image-ref.ts';

export function evaluateArtifacts(obs: ArtifactsObservation): Check[] {
  return [pinnedCheck(obs), fileDigestsCheck(obs), versionReuseCheck(obs)];
}

function pinnedCheck(obs: ArtifactsObservation): Check {
  const id = 'artifacts.pinned';
  const title = 'Artifacts pinned by digest';
  if (obs.artifacts.length === 0) return noDataCheck(id, title, `release ${obs.version} lists no artifacts, so nothing binds the verdict to a build`);
  const unpinned = obs.artifacts.filter((a) => !a.digest);
  return check({
    id,
    title,
    status: unpinned.length > 0 ? 'fail' : 'pass',
    observed: unpinned.length,
    unit: 'unpinned artifacts',
    threshold: 'every artifact image@sha256:<64 hex> or file with sha256',
    samples: obs.artifacts.length,
    reason: unpinned.length > 0 ? 'threshold_breached' : undefined,
    message:
      unpinned.length > 0
        ? `${unpinned.length} of ${obs.artifacts.length} artifacts can change under the same name: ${listSome(unpinned.map((a) => `${a.name} (${a.ref}): ${a.problem}`))}`
        : `all ${obs.artifacts.length} artifacts pinned: ${listSome(obs.artifacts.map((a) => `${a.name} ${shortDigest(a.digest ?? '')}`))}`,
  });
}

function fileDigestsCheck(obs: ArtifactsObservation): Check {
  const id = 'artifacts.file-digests';
  const title = 'File artifacts match their sha256';
  const files = obs.artifacts.filter((a) => a.verified);
  if (files.length === 0) {
    return check({ id, title, status: 'skipped', blocking: false, observed: null, message: 'no file artifact with a sha256 to verify' });
  }
  const mismatched = files.filter((a) => a.verified?.status === 'mismatch');
  const unreadable = files.filter((a) => a.verified?.status === 'unreadable');
  const details = [
    ...mismatched.map((a) => `${a.name} (${a.ref}): manifest says ${shortDigest(a.digest ?? '')}, file hashes to ${a.verified && 'actual' in a.verified ? shortDigest(a.verified.actual) : '?'}`),
    ...unreadable.map((a) => `${a.name} (${a.ref}): cannot hash: ${a.verified && 'error' in a.verified ? a.verified.error : '?'}`),
  ];
  return check({
    id,
    title,
    status: mismatched.length > 0 ? 'fail' : unreadable.length > 0 ? 'inconclusive' : 'pass',
    observed: mismatched.length,
    unit: 'mismatched files',
    threshold: 'sha256 of each file equals the manifest',
    samples: files.length,
    reason: mismatched.length > 0 ? 'threshold_breached' : unreadable.length > 0 ? 'no_data' : undefined,
    message: details.length > 0 ? listSome(details) : `${files.length === 1 ? 'the file artifact hashes' : `all ${files.length} file artifacts hash`} to the manifest sha256`,
  });
}

/** Names whose digest differs, plus names only one side has. */
export function digestDifferences(now: Record<string, string>, before: Record<string, string>): string[] {
  const names = [...new Set([...Object.keys(now), ...Object.keys(before)])].sort();
  const out: string[] = [];
  for (const name of names) {
    const a = now[name];
    const b = before[name];
    if (a === b) continue;
    if (a === undefined) out.push(`${name}: was ${shortDigest(b ?? '')}, now missing`);
    else if (b === undefined) out.push(`${name}: new artifact ${shortDigest(a)}`);
    else out.push(`${name}: was ${shortDigest(b)}, now ${shortDigest(a)}`);
  }
  return out;
}

function versionReuseCheck(obs: ArtifactsObservation): Check {
  const conflicts = obs.priorBuilds
    .map((prior: PriorBuild) => ({ prior, diff: digestDifferences(obs.digests, prior.digests) }))
    .filter((c) => c.diff.length > 0);
  const sources = obs.priorBuilds.length;
  return check({
    id: 'artifacts.version-reuse',
    title: 'A version is built once',
    status: conflicts.length > 0 ? 'fail' : 'pass',
    observed: conflicts.length,
    unit: 'earlier builds with other digests',
    threshold: 'same version ⇒ same digests',
    samples: sources,
    reason: conflicts.length > 0 ? 'threshold_breached' : undefined,
    message:
      conflicts.length > 0
        ? `version ${obs.version} was already built with different digests (a new patch always makes a new build; bump the version): ${listSome(
            conflicts.map((c) => `${c.prior.source}${c.prior.firstSeenAt ? ` (first seen ${c.prior.firstSeenAt})` : ''}: ${c.diff.join(', ')}`),
          )}`
        : sources > 0
          ? `version ${obs.version} matches its ${sources} earlier record(s) digest for digest`
          : `version ${obs.version} not seen before${obs.registry.recorded ? `; digests recorded in ${obs.registry.file}` : ''}`,
  });
}
