import { resolve } from 'node:path';
import { errorMessage } from '../../core/errors.ts';
import type { InputIssues } from '../input/issues.ts';
import type { LoadedManifest } from '../manifest.ts';
import { digestDifferences } from './evaluate-artifacts.ts';
import { hashPath } from './hash-path.ts';
import { pinOfFile, pinOfImage } from './image-ref.ts';
import { readSeenRegistry, recordSeenVersion } from './seen-registry.ts';

export type ArtifactRecord = {
  name: string;
  kind: 'image' | 'file';
  /** The reference as written in the manifest. */
  ref: string;
  /** `sha256:<hex>` when pinned. */
  digest?: string;
  problem?: string;
  /** Files only: what hashing the file gave, or why it could not be hashed. */
  verified?: { status: 'match' | 'mismatch'; actual: string } | { status: 'unreadable'; error: string };
};

export type PriorBuild = { source: string; digests: Record<string, string>; firstSeenAt?: string };

export type ArtifactsObservation = {
  version: string;
  artifacts: ArtifactRecord[];
  /** The exact digests this verdict is bound to, by artifact name. */
  digests: Record<string, string>;
  /** Earlier builds of the same version: the seen-registry entry and other manifests naming it. */
  priorBuilds: PriorBuild[];
  registry: { file: string; recorded: boolean };
};

export interface ObserveArtifactsInput {
  candidate: LoadedManifest;
  filesDir: string;
  registryFile: string;
  otherManifests: readonly LoadedManifest[];
}

export async function observeArtifacts(input: ObserveArtifactsInput, issues: InputIssues): Promise<ArtifactsObservation | undefined> {
  const { manifest, file } = input.candidate;
  const registry = readSeenRegistry(input.registryFile, issues);
  if (!registry) return undefined;

  const artifacts: ArtifactRecord[] = [];
  for (const a of manifest.artifacts) artifacts.push('image' in a ? imageRecord(a.name, a.image) : await fileRecord(a.name, a.file, a.sha256, input.filesDir));

  const digests: Record<string, string> = {};
  for (const a of artifacts) if (a.digest) digests[a.name] = a.digest;

  const priorBuilds: PriorBuild[] = [];
  const seen = registry.versions[manifest.version];
  if (seen) priorBuilds.push({ source: input.registryFile, digests: seen.digests, firstSeenAt: seen.firstSeenAt });
  for (const other of input.otherManifests) {
    if (resolve(other.file) === resolve(file) || other.manifest.version !== manifest.version) continue;
    priorBuilds.push({ source: other.file, digests: Object.fromEntries(other.manifest.artifacts.map((a) => [a.name, digestOf(a)])) });
  }

  return { version: manifest.version, artifacts, digests, priorBuilds, registry: { file: input.registryFile, recorded: false } };
}

/**
 * Records a fully pinned, verified build of a version not seen before, so a later rebuild under the same version is
 * caught. Call only once every input is known good.
 */
export function recordArtifacts(obs: ArtifactsObservation, manifestFile: string, nowIso: string): ArtifactsObservation {
  const fullyPinned = obs.artifacts.length > 0 && obs.artifacts.every((a) => a.digest && (!a.verified || a.verified.status === 'match'));
  const seenBefore = obs.priorBuilds.some((p) => p.source === obs.registry.file);
  const conflicting = obs.priorBuilds.some((p) => digestDifferences(obs.digests, p.digests).length > 0);
  if (!fullyPinned || seenBefore || conflicting) return obs;
  const recorded = recordSeenVersion(obs.registry.file, obs.version, { digests: obs.digests, firstSeenAt: nowIso, manifest: manifestFile });
  return { ...obs, registry: { ...obs.registry, recorded } };
}

function imageRecord(name: string, image: string): ArtifactRecord {
  const pin = pinOfImage(image);
  return pin.pinned ? { name, kind: 'image', ref: image, digest: pin.digest } : { name, kind: 'image', ref: image, problem: pin.problem };
}

async function fileRecord(name: string, file: string, sha256: string, filesDir: string): Promise<ArtifactRecord> {
  const pin = pinOfFile(sha256);
  const base: ArtifactRecord = { name, kind: 'file', ref: file };
  if (!pin.pinned) return { ...base, problem: pin.problem };
  try {
    const actual = `sha256:${await hashPath(resolve(filesDir, file))}`;
    return { ...base, digest: pin.digest, verified: { status: actual === pin.digest ? 'match' : 'mismatch', actual } };
  } catch (error) {
    return { ...base, digest: pin.digest, verified: { status: 'unreadable', error: errorMessage(error) } };
  }
}

function digestOf(a: LoadedManifest['manifest']['artifacts'][number]): string {
  const pin = 'image' in a ? pinOfImage(a.image) : pinOfFile(a.sha256);
  return pin.pinned ? pin.digest : 'image' in a ? a.image : a.sha256;
}
