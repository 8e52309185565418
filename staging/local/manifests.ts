import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '../../core/errors.ts';
import { compareVersions, parseVersion } from '../../migrations-check/version.ts';

export interface ReleaseManifest {
  path: string;
  version: string;
  migrationsUpTo?: string;
}

/** Reads fixtures/releases/<version>.json; a missing or malformed manifest is a config error naming the file. */
export function readManifest(releasesDir: string, version: string): ReleaseManifest {
  const path = join(releasesDir, `${version}.json`);
  if (!existsSync(path)) {
    throw new ConfigError('release-manifest', [{ file: path, path: '(file)', message: `no manifest for release ${version}`, expected: 'fixtures/releases/<version>.json' }]);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ConfigError('release-manifest', [{ file: path, path: '(file)', message: `not JSON: ${String(error)}` }]);
  }
  const manifest = parsed as { version?: unknown; migrationsUpTo?: unknown };
  if (manifest.version !== version) {
    throw new ConfigError('release-manifest', [{ file: path, path: 'version', message: `is ${JSON.stringify(manifest.version)}`, expected: JSON.stringify(version) }]);
  }
  const upTo = manifest.migrationsUpTo;
  return { path, version, migrationsUpTo: upTo === undefined ? undefined : String(upTo) };
}

/**
 * The schema production has: the lowest migrationsUpTo among the releases (the baseline's). The candidate's
 * newer migrations are what the migrations stage dry-runs on a clone; the candidate must run on the old schema too.
 */
export function migrationsTarget(manifests: readonly ReleaseManifest[]): string | undefined {
  const versions = manifests.map((m) => m.migrationsUpTo).filter((v): v is string => v !== undefined);
  if (versions.length === 0) return undefined;
  return versions.reduce((a, b) => (compareVersions(parseVersion(a), parseVersion(b)) <= 0 ? a : b));
}

