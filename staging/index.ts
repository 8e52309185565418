import { ConfigError } from '../core/errors.ts';
import type { EnvironmentProvider } from './environment.ts';
import { localProvider } from './local/provider.ts';

const PROVIDERS: Record<string, EnvironmentProvider> = { local: localProvider };

/** The environment provider registered under `name`; a ConfigError naming the known ones otherwise. */
export function environmentProvider(name: string): EnvironmentProvider {
  const provider = PROVIDERS[name];
  if (!provider) {
    throw new ConfigError('unknown-environment', [{ path: 'environment', message: `unknown environment provider "${name}"`, expected: Object.keys(PROVIDERS).join(', ') }]);
  }
  return provider;
}

export { createLocalProvider, localProvider, LOCAL_CAPABILITIES } from './local/provider.ts';
