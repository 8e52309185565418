import { ConfigError } from '../../core/errors.ts';
import type { Capability, Environment, EnvironmentProvider } from '../environment.ts';

export const REMOTE_CAPABILITIES: readonly Capability[] = ['http'];

/**
 * An environment someone else runs: Greenlight only knows its URLs, so it can probe and load it but not
 * inject faults, scale or switch traffic.
 */
export function remoteProvider(urls: { edge: string } & Record<string, unknown>): EnvironmentProvider {
  return {
    name: 'remote',
    capabilities: REMOTE_CAPABILITIES,
    async up(ctx) {
      const edge = urls.edge;
      try {
        await ctx.adapters.fetch(edge, { method: 'GET', signal: AbortSignal.any([ctx.signal, AbortSignal.timeout(5000)]) });
      } catch (error) {
        throw new ConfigError('target_unreachable', [{ path: 'environment.urls.edge', message: `${edge} is unreachable (${(error as Error).message})`, expected: 'a URL that answers HTTP' }]);
      }
      const environment: Environment = {
        provider: 'remote',
        urls: { edge },
        capabilities: new Set(REMOTE_CAPABILITIES),
        releases: {},
        controls: {},
      };
      return environment;
    },
  };
}
