import type { RunContext } from '../../core/run-context.ts';
import type { Environment, EnvironmentOptions, EnvironmentProvider } from '../environment.ts';
import { resolveKubeConfig, type KubeProviderConfig } from './config.ts';
import { connectEnvironment, KUBE_CAPABILITIES, type ConnectOptions } from './connect.ts';
import { loadKubeConfig } from './kubeconfig.ts';
import { preflightKube } from './preflight.ts';

export interface KubeProviderSettings {
  /** Preflight timeout for the cluster to answer. */
  preflightTimeoutMs?: number;
  /** Where the kubeconfig is looked up when config.kubeconfig is unset (tests). */
  env?: NodeJS.ProcessEnv;
  home?: string;
  /** Tests replace the port-forward transport. */
  forwarder?: ConnectOptions['forwarder'];
}

/**
 * An existing cluster by kubeconfig context and namespace, already running the platform (fixtures/platform/deploy).
 * The config is validated here, so a bad one fails before anything runs.
 */
export function kubeProvider(input: KubeProviderConfig, settings: KubeProviderSettings = {}): EnvironmentProvider {
  const config = resolveKubeConfig(input);
  return {
    name: 'kube',
    capabilities: KUBE_CAPABILITIES,
    async preflight(options: EnvironmentOptions): Promise<void> {
      await preflightKube(config, { timeoutMs: settings.preflightTimeoutMs, env: settings.env, home: settings.home, needs: options.needs });
    },
    async up(ctx: RunContext, options: EnvironmentOptions): Promise<Environment> {
      const kc = loadKubeConfig(config, { env: settings.env, home: settings.home });
      return connectEnvironment(ctx, { provider: 'kube', kc, config, options, forwarder: settings.forwarder });
    },
  };
}
