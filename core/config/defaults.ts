import type { ProfileConfig, ReportFormat } from './schema.ts';

/** The one place defaults live. Precedence: flag > env > file > these. */
export const DEFAULTS = {
  profile: 'quick',
  candidate: '1.5.0',
  baseline: '1.4.0',
  manifestsDir: 'fixtures/releases',
  provider: 'local',
  instances: 2,
  outputDir: '.greenlight',
  timeouts: { runMs: 15 * 60_000, stageMs: 5 * 60_000, environmentMs: 60_000 },
  reporters: ['json', 'junit', 'md', 'html'] as ReportFormat[],
} as const;

/** Built-in profiles; a config file may override or add profiles. */
export const DEFAULT_PROFILES: Record<string, ProfileConfig> = {
  quick: {
    description: 'every stage, short: a laptop run in under 3 minutes',
    timeouts: { runMs: 6 * 60_000, stageMs: 2 * 60_000 },
  },
  ci: {
    description: 'every stage at CI length: the promotion gate',
    timeouts: { runMs: 20 * 60_000, stageMs: 8 * 60_000 },
  },
  full: {
    description: 'every stage at full length and sample sizes: nightly',
    timeouts: { runMs: 90 * 60_000, stageMs: 30 * 60_000 },
  },
};

/** The environment variables Greenlight reads, by the setting they set. */
export const ENV_VARS = {
  profile: 'GREENLIGHT_PROFILE',
  candidate: 'GREENLIGHT_RELEASE',
  baseline: 'GREENLIGHT_BASELINE',
  provider: 'GREENLIGHT_ENV',
  outputDir: 'GREENLIGHT_OUTPUT_DIR',
} as const;
