import { z } from 'zod';
import { SEVERITIES } from './scans/finding.ts';

const path = z.string().min(1);

const scanInput = z.union([
  path,
  z.object({ path, format: z.enum(['npm-audit', 'osv-scanner', 'sarif']).optional() }),
]);

const driftAllowEntry = z.object({
  /** `Deployment`, `ConfigMap`, …; any kind when left out. */
  kind: z.string().optional(),
  /** Object name; any when left out. */
  name: z.string().optional(),
  /** Drift path; `*` matches within one segment, `**` across segments: `spec.replicas`, `hpa.spec.*`. */
  path,
  reason: z.string().min(1, 'say why this drift is expected'),
});

/**
 * Paths are resolved against `baseDir` (default: the working directory; the CLI passes the config file's folder).
 * Sections left out are reported as skipped checks, never as passes.
 */
export const releaseConfigSchema = z.object({
  baseDir: z.string().optional(),
  /** The candidate's release manifest. */
  candidate: path,
  /** What runs in production now: its manifest, or only its version. */
  production: z
    .object({ manifest: path.optional(), version: z.string().min(1).optional() })
    .refine((p) => p.manifest !== undefined || p.version !== undefined, 'give production.manifest or production.version'),
  /** SQL files (or folders of *.sql) that are new in this release. */
  migrations: z.array(path).default([]),
  artifacts: z
    .object({
      /** Versions seen → digests; default `<stateDir>/releases-seen.json`. */
      seenRegistry: path.optional(),
      /** Other manifests (files or folders of *.json) a reused version is looked up in. */
      compareWith: z.array(path).default([]),
      /** Where `file` artifacts resolve; default baseDir (the repository root, as in fixtures/releases). */
      filesDir: path.optional(),
      /** Record the candidate's digests in the registry after observing them. */
      record: z.boolean().default(true),
    })
    .default({ compareWith: [], record: true }),
  scans: z
    .object({
      files: z.array(scanInput).min(1, 'list at least one scan report'),
      block: z.array(z.enum(SEVERITIES)).default(['critical', 'high']),
      /** A finding whose severity no scanner stated blocks unless this is false (fail-closed). */
      blockUnknownSeverity: z.boolean().default(true),
      /** YAML allow-list: [{id, reason, expires, approvedBy}]. */
      allowlist: path.optional(),
    })
    .optional(),
  sla: z
    .object({
      /** How long promotion takes from a GO verdict to production. */
      promotionLeadTimeHours: z.number().nonnegative().default(2),
      windowHours: z.number().positive().default(24),
      priorities: z.array(z.string().min(1)).default(['P1']),
    })
    .default({ promotionLeadTimeHours: 2, windowHours: 24, priorities: ['P1'] }),
  drift: z
    .object({
      /** Rendered manifests: a YAML file, a folder of them, or a kustomization folder (rendered by `kubectl kustomize`). */
      staging: path,
      production: path,
      allow: z.array(driftAllowEntry).default([]),
    })
    .optional(),
});

export type ReleaseChecksConfig = z.infer<typeof releaseConfigSchema>;
export type ReleaseChecksConfigInput = z.input<typeof releaseConfigSchema>;
export type DriftAllowEntry = z.infer<typeof driftAllowEntry>;
export type ScanInput = z.infer<typeof scanInput>;

/** Identity, for type inference in config files. */
export function defineReleaseChecksConfig(config: ReleaseChecksConfigInput): ReleaseChecksConfigInput {
  return config;
}
