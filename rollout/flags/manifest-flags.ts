import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { ConfigError, errorMessage } from '../../core/errors.ts';
import type { ReleaseRef } from '../../core/run-context.ts';
import { DEFAULT_RELEASES_DIR } from '../../staging/local/launch.ts';

const flagsSchema = z.object({ version: z.string(), flags: z.record(z.string(), z.boolean()) });

export function manifestPath(release: ReleaseRef, releasesDir = DEFAULT_RELEASES_DIR): string {
  return release.manifest ?? join(releasesDir, `${release.version}.json`);
}

/** The flags a release manifest declares, with their defaults. Unreadable or malformed input is a ConfigError. */
export function readManifestFlags(file: string): Record<string, boolean> {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ConfigError('release_manifest', [{ file, path: '$', message: `cannot be read as JSON: ${errorMessage(error)}` }]);
  }
  const parsed = flagsSchema.safeParse(raw);
  if (!parsed.success) {
    throw new ConfigError('release_manifest', parsed.error.issues.map((i) => ({ file, path: ['$', ...i.path].join('.'), message: i.message, expected: 'flags: { "<name>": boolean }' })));
  }
  return parsed.data.flags;
}

export interface NewFlag {
  name: string;
  /** The candidate manifest's default. */
  manifestDefault: boolean;
}

/** Flags the candidate declares that the baseline does not: each must default to off. */
export function newFlags(candidate: Record<string, boolean>, baseline: Record<string, boolean>): NewFlag[] {
  return Object.entries(candidate)
    .filter(([name]) => !(name in baseline))
    .map(([name, manifestDefault]) => ({ name, manifestDefault }))
    .sort((a, b) => a.name.localeCompare(b.name));
}
