export { k3sProvider, K3S_CAPABILITIES } from './provider.ts';
export { resolveK3sConfig, k3sConfigSchema, DEFAULT_K3S_IMAGE, STAGING_NAMESPACE, type K3sProviderConfig, type ResolvedK3sConfig } from './config.ts';
export { preflightK3s, dockerAvailability, kubectlAvailability, type Availability } from './docker.ts';
export { chaosMeshHelmChart, freshSecretData, withRelease, withSecrets, PLATFORM_SERVICES } from './manifests.ts';
export { waitForRollout } from './rollout.ts';
