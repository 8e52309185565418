import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import { InputIssues } from '../input/issues.ts';
import { readJson } from '../input/read-file.ts';

export const SEEN_SCHEMA = 'greenlight.releases-seen/v1';

const seenVersion = z.object({
  digests: z.record(z.string(), z.string()),
  firstSeenAt: z.string(),
  manifest: z.string().optional(),
});

const seenRegistrySchema = z.object({
  schema: z.literal(SEEN_SCHEMA),
  versions: z.record(z.string(), seenVersion),
});

export type SeenRegistry = z.infer<typeof seenRegistrySchema>;
export type SeenVersion = z.infer<typeof seenVersion>;

/** `.greenlight/releases-seen.json`: every version this gate has tested, with the digests it was built as. */
export function readSeenRegistry(file: string, issues: InputIssues): SeenRegistry | undefined {
  if (!existsSync(file)) return { schema: SEEN_SCHEMA, versions: {} };
  const raw = readJson(file, issues);
  if (raw === undefined) return undefined;
  const parsed = seenRegistrySchema.safeParse(raw);
  if (!parsed.success) {
    issues.addZod(file, parsed.error);
    return undefined;
  }
  return parsed.data;
}

/**
 * Adds a version unless it is already there: the first build of a version is the one that counts. Re-reads the
 * file just before writing, so a run that finished meanwhile is not overwritten.
 */
export function recordSeenVersion(file: string, version: string, entry: SeenVersion): boolean {
  const current = readSeenRegistry(file, new InputIssues());
  if (!current || current.versions[version]) return false;
  const next: SeenRegistry = { ...current, versions: { ...current.versions, [version]: entry } };
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(next, null, 2)}\n`);
  renameSync(tmp, file);
  return true;
}
