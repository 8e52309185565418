import { z } from 'zod';
import type { InputIssues } from './input/issues.ts';
import { readJson } from './input/read-file.ts';

const imageArtifact = z.object({ name: z.string().min(1), image: z.string().min(1) });
const fileArtifact = z.object({ name: z.string().min(1), file: z.string().min(1), sha256: z.string() });

const securityFix = z.object({
  id: z.string().min(1),
  priority: z.string().min(1),
  disclosedAt: z.iso.datetime({ offset: true, message: 'expected an ISO 8601 date-time with a zone, e.g. 2026-11-26T08:00:00Z' }),
});

/** `fixtures/releases/<version>.json`. Unknown keys are kept out; the ones below are what the checks read. */
export const releaseManifestSchema = z.object({
  version: z.string().min(1),
  artifacts: z.array(z.union([imageArtifact, fileArtifact], { message: 'expected {name, image} or {name, file, sha256}' })),
  flags: z.record(z.string(), z.boolean()).default({}),
  migrationsUpTo: z.union([z.string(), z.number()]).optional(),
  /** API routes the release serves, e.g. `GET /api/wallet`; compared across releases when both list them. */
  routes: z.array(z.string().min(1)).optional(),
  fixes: z.array(securityFix).default([]),
});

export type ReleaseManifest = z.infer<typeof releaseManifestSchema>;
export type ManifestArtifact = ReleaseManifest['artifacts'][number];
export type SecurityFix = z.infer<typeof securityFix>;

export interface LoadedManifest {
  file: string;
  manifest: ReleaseManifest;
}

export function loadManifest(file: string, issues: InputIssues): LoadedManifest | undefined {
  const raw = readJson(file, issues);
  if (raw === undefined) return undefined;
  const parsed = releaseManifestSchema.safeParse(raw);
  if (!parsed.success) {
    issues.addZod(file, parsed.error);
    return undefined;
  }
  return { file, manifest: parsed.data };
}
