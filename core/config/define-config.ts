import type { UserConfig } from './schema.ts';

/** Identity: gives `greenlight.config.ts` type checking and completion. */
export function defineConfig(config: UserConfig): UserConfig {
  return config;
}
