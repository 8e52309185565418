import { dirname } from 'node:path';
import { chaosStage } from '../chaos/index.ts';
import type { ResolvedConfig } from '../core/config/resolve.ts';
import { ConfigError } from '../core/errors.ts';
import type { Stage } from '../core/stage.ts';
import { migrationsStage } from '../migrations-check/index.ts';
import { releaseChecksStage } from '../release-checks/index.ts';
import { rolloutStage } from '../rollout/index.ts';
import { paymentsStage } from '../sandbox-checks/payments/index.ts';
import { loadStage } from '../scenarios/index.ts';
import { rngStage } from '../sandbox-checks/rng/platform/platform-stage.ts';
import { smokeStage } from '../smoke/index.ts';
import { probeStage } from '../smoke/probe/index.ts';
import type { Capability, EnvironmentProvider } from '../staging/environment.ts';
import { K3S_CAPABILITIES, k3sProvider } from '../staging/k3s/index.ts';
import { KUBE_CAPABILITIES, kubeProvider } from '../staging/kube/index.ts';
import { createLocalProvider, LOCAL_CAPABILITIES } from '../staging/local/provider.ts';
import { REMOTE_CAPABILITIES, remoteProvider } from '../staging/remote/provider.ts';

/** Every built-in stage, in the order a run takes them. */
export const BUILTIN_STAGES: readonly Stage[] = [releaseChecksStage, migrationsStage, probeStage, smokeStage, loadStage, chaosStage, rngStage, paymentsStage, rolloutStage];

/** Environment providers by name, with what they can do (for plan-time capability checks). */
export const PROVIDER_CAPABILITIES: Readonly<Record<string, { capabilities: readonly Capability[] }>> = {
  local: { capabilities: LOCAL_CAPABILITIES },
  remote: { capabilities: REMOTE_CAPABILITIES },
  kube: { capabilities: KUBE_CAPABILITIES },
  k3s: { capabilities: K3S_CAPABILITIES },
};

/** The provider a resolved config asks for. */
export function providerFor(config: ResolvedConfig): EnvironmentProvider {
  switch (config.environment.provider) {
    case 'local':
      // The replica serves the same release manifests the gate judges (release.manifestsDir).
      return createLocalProvider({ releasesDir: config.release.candidate.manifest && dirname(config.release.candidate.manifest), replica: (config.environment.local ?? {}) as never });
    case 'remote':
      return remoteProvider(config.environment.urls as { edge: string });
    case 'kube':
      return kubeProvider((config.environment.kube ?? {}) as never);
    case 'k3s':
      return k3sProvider((config.environment.k3s ?? {}) as never);
    default:
      throw new ConfigError('unknown_environment', [{ path: 'environment.provider', message: `environment "${config.environment.provider}" is not available`, expected: Object.keys(PROVIDER_CAPABILITIES).join(', ') }]);
  }
}
