import { z } from 'zod';

export const REPORT_FORMATS = ['json', 'junit', 'md', 'html'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

const timeoutsSchema = z
  .object({
    runMs: z.number().int().positive(),
    stageMs: z.number().int().positive(),
    environmentMs: z.number().int().positive(),
  })
  .partial()
  .strict();

const profileSchema = z
  .object({
    description: z.string().optional(),
    /** Stage ids this profile runs (run in the canonical stage order). */
    stages: z.array(z.string()).optional(),
    /** Per-stage config overrides, deep-merged over `stages.<id>`. */
    overrides: z.record(z.string(), z.record(z.string(), z.unknown())).optional(),
    timeouts: timeoutsSchema.optional(),
  })
  .strict();

/** What a user writes in greenlight.config.ts: everything optional. */
export const userConfigSchema = z
  .object({
    release: z
      .object({
        candidate: z.string().optional(),
        baseline: z.string().optional(),
        /** Folder of release manifests `<version>.json`. */
        manifestsDir: z.string().optional(),
      })
      .strict()
      .optional(),
    environment: z
      .object({
        provider: z.string().optional(),
        instances: z.number().int().min(1).max(8).optional(),
        /** For the `remote` provider: where the platform answers. */
        urls: z.object({ edge: z.string().url() }).catchall(z.unknown()).optional(),
        /** For the `local` provider: replica settings (autoscaler, defects per pool, seedPlayers, rngInstances). */
        local: z.record(z.string(), z.unknown()).optional(),
        /** For the `kube` provider: kubeconfig, context, namespace (validated by the provider). */
        kube: z.record(z.string(), z.unknown()).optional(),
        /** For the `k3s` provider (Docker required). */
        k3s: z.record(z.string(), z.unknown()).optional(),
      })
      .strict()
      .optional(),
    outputDir: z.string().optional(),
    profile: z.string().optional(),
    profiles: z.record(z.string(), profileSchema).optional(),
    /** Per-stage config, validated by each stage's own schema. */
    stages: z.record(z.string(), z.record(z.string(), z.unknown())).optional(),
    timeouts: timeoutsSchema.optional(),
    reporters: z.array(z.enum(REPORT_FORMATS)).optional(),
  })
  .strict();

export type UserConfig = z.input<typeof userConfigSchema>;
export type ProfileConfig = z.infer<typeof profileSchema>;
