import { z } from 'zod';
import { ConfigError, type ConfigIssue } from '../../core/errors.ts';

const url = z.url({ protocol: /^https?$/ });

export const kubeConfigSchema = z
  .object({
    /** Path of a kubeconfig file; default: $KUBECONFIG, then ~/.kube/config, then in-cluster. */
    kubeconfig: z.string().min(1).optional(),
    /** Context to use; default: the kubeconfig's current context. */
    context: z.string().min(1).optional(),
    namespace: z.string().regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'a DNS-1123 label').max(63),
    /** Known URLs (an ingress host, a load balancer); services without one are port-forwarded to loopback. */
    serviceUrls: z.object({ edge: url, edgeAdmin: url, rng: url, psp: url }).partial().strict().optional(),
    /** Services and ports of the platform, as in fixtures/platform/deploy. */
    services: z
      .object({ edge: z.string(), rng: z.string(), psp: z.string(), edgeHttpPort: z.string(), edgeAdminPort: z.string(), httpPort: z.string() })
      .partial()
      .strict()
      .optional(),
    /** The autoscaled workload: Deployment and HorizontalPodAutoscaler names. */
    scaleTarget: z.object({ deployment: z.string().min(1), hpa: z.string().min(1) }).strict().optional(),
    sampleIntervalMs: z.number().int().min(100).max(60_000).optional(),
    readyTimeoutMs: z.number().int().min(1_000).optional(),
    /** Refuse a cluster whose edge answers /version with another release than the candidate. */
    verifyRelease: z.boolean().optional(),
    /**
     * The environment variable holding a PostgreSQL URL of the platform's database (reachable from here, e.g. through
     * your own port-forward), for the money invariants the chaos stage checks; without it those probes are inconclusive.
     */
    databaseUrlEnv: z.string().regex(/^[A-Z_][A-Z0-9_]*$/, 'an environment variable name').optional(),
  })
  .strict();

export type KubeProviderConfig = z.input<typeof kubeConfigSchema>;

export interface ResolvedKubeConfig {
  kubeconfig?: string;
  context?: string;
  namespace: string;
  serviceUrls: { edge?: string; edgeAdmin?: string; rng?: string; psp?: string };
  services: { edge: string; rng: string; psp: string; edgeHttpPort: string; edgeAdminPort: string; httpPort: string };
  scaleTarget: { deployment: string; hpa: string };
  sampleIntervalMs: number;
  readyTimeoutMs: number;
  verifyRelease: boolean;
  databaseUrlEnv: string;
}

export const DEFAULT_SERVICES: ResolvedKubeConfig['services'] = { edge: 'edge', rng: 'rng', psp: 'psp', edgeHttpPort: 'http', edgeAdminPort: 'admin', httpPort: 'http' };

/** Validates the provider config, reporting every issue at once under `basePath`. */
export function resolveKubeConfig(input: unknown, basePath = 'environment.kube'): ResolvedKubeConfig {
  const parsed = kubeConfigSchema.safeParse(input);
  if (!parsed.success) {
    const issues: ConfigIssue[] = parsed.error.issues.map((issue) => ({
      path: [basePath, ...issue.path.map(String)].join('.'),
      message: issue.message,
    }));
    throw new ConfigError('kube-config', issues, 'the kube environment needs at least { namespace }');
  }
  const config = parsed.data;
  return {
    kubeconfig: config.kubeconfig,
    context: config.context,
    namespace: config.namespace,
    serviceUrls: { ...config.serviceUrls },
    services: { ...DEFAULT_SERVICES, ...config.services },
    scaleTarget: config.scaleTarget ?? { deployment: 'api', hpa: 'api' },
    sampleIntervalMs: config.sampleIntervalMs ?? 1_000,
    readyTimeoutMs: config.readyTimeoutMs ?? 60_000,
    verifyRelease: config.verifyRelease ?? true,
    databaseUrlEnv: config.databaseUrlEnv ?? 'GREENLIGHT_DATABASE_URL',
  };
}
