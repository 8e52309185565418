import { z } from 'zod';
import { ConfigError } from '../../core/errors.ts';

export const k3sConfigSchema = z
  .object({
    /** The k3s image; pin it so clusters are the same run after run. */
    image: z.string().min(1).optional(),
    /** Install Chaos Mesh through k3s's Helm controller (containerd socket of k3s). */
    chaosMesh: z.boolean().optional(),
    chaosMeshVersion: z.string().regex(/^\d+\.\d+\.\d+$/).optional(),
    /** `build`: docker build the platform Dockerfiles and import them into k3s; `reference`: pull `imagePrefix`-named images. */
    images: z.enum(['build', 'reference']).optional(),
    /** Registry prefix for `reference` (e.g. `ghcr.io/acme/`); the overlay's `greenlight/platform-<svc>` is replaced by it. */
    imagePrefix: z.string().optional(),
    rolloutTimeoutMs: z.number().int().min(10_000).optional(),
    sampleIntervalMs: z.number().int().min(100).optional(),
  })
  .strict();

export type K3sProviderConfig = z.input<typeof k3sConfigSchema>;

export interface ResolvedK3sConfig {
  image: string;
  chaosMesh: boolean;
  chaosMeshVersion: string;
  images: 'build' | 'reference';
  imagePrefix?: string;
  rolloutTimeoutMs: number;
  sampleIntervalMs: number;
}

export const DEFAULT_K3S_IMAGE = 'rancher/k3s:v1.33.4-k3s1';
export const STAGING_NAMESPACE = 'casino-staging';

export function resolveK3sConfig(input: unknown, basePath = 'environment.k3s'): ResolvedK3sConfig {
  const parsed = k3sConfigSchema.safeParse(input ?? {});
  if (!parsed.success) {
    throw new ConfigError('k3s-config', parsed.error.issues.map((issue) => ({ path: [basePath, ...issue.path.map(String)].join('.'), message: issue.message })));
  }
  const c = parsed.data;
  if (c.images === 'reference' && !c.imagePrefix) {
    throw new ConfigError('k3s-config', [{ path: `${basePath}.imagePrefix`, message: 'images: reference needs the registry prefix to pull from', expected: 'e.g. "ghcr.io/acme/"' }]);
  }
  return {
    image: c.image ?? DEFAULT_K3S_IMAGE,
    chaosMesh: c.chaosMesh ?? true,
    chaosMeshVersion: c.chaosMeshVersion ?? '2.8.3',
    images: c.images ?? 'build',
    imagePrefix: c.imagePrefix,
    rolloutTimeoutMs: c.rolloutTimeoutMs ?? 300_000,
    sampleIntervalMs: c.sampleIntervalMs ?? 1_000,
  };
}
