import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { ArtifactEntry } from './report.ts';

export type ArtifactRef = string | { path: string; stage?: string };

/**
 * Hashes files of the run directory for the report (sha256, size). Paths may be relative to runDir or
 * absolute inside it; the entries name them relative to runDir with `/` separators. A path outside the
 * run directory or a missing file throws, naming every such path: an artifact list must not silently shrink.
 */
export async function hashArtifacts(runDir: string, refs: readonly ArtifactRef[]): Promise<ArtifactEntry[]> {
  const root = resolve(runDir);
  const problems: (string | undefined)[] = [];
  const entries: (ArtifactEntry | undefined)[] = await Promise.all(
    refs.map(async (ref, index) => {
      const { path, stage } = typeof ref === 'string' ? { path: ref, stage: undefined } : ref;
      const absolute = resolve(root, path);
      const rel = relative(root, absolute);
      if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) {
        problems[index] = `${path}: is outside the run directory ${root}`;
        return undefined;
      }
      try {
        const info = await stat(absolute);
        if (!info.isFile()) throw new Error('is not a regular file');
        const hash = createHash('sha256');
        await pipeline(createReadStream(absolute), hash);
        const entry: ArtifactEntry = { path: rel.split(sep).join('/'), sha256: hash.digest('hex'), bytes: info.size };
        return stage === undefined ? entry : { ...entry, stage };
      } catch (error) {
        problems[index] = `${path}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'does not exist' : (error as Error).message}`;
        return undefined;
      }
    }),
  );
  const named = problems.filter((p): p is string => p !== undefined);
  if (named.length > 0) throw new Error(`cannot hash artifacts in ${root}:\n${named.join('\n')}`);
  return entries.filter((e): e is ArtifactEntry => e !== undefined);
}
