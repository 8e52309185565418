import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import semver from 'semver';
import { DEFAULT_PLATFORM_DIR, DEFAULT_RELEASES_DIR } from '../launch.ts';

export interface TestPlatform {
  platformDir: string;
  releasesDir: string;
  /** [baseline, candidate] */
  releases: [string, string];
  real: boolean;
}

const here = dirname(fileURLToPath(import.meta.url));

/**
 * The real fixtures/platform once its services and db modules exist (GREENLIGHT_TEST_PLATFORM=stub forces the
 * stand-in), else the stand-in services under testing/platform.
 */
export function testPlatform(): TestPlatform {
  const files = ['api/main.ts', 'rng/main.ts', 'psp/main.ts', 'edge/main.ts', 'db/migrate.ts', 'db/seed.ts'];
  const realReady = files.every((f) => existsSync(join(DEFAULT_PLATFORM_DIR, f)));
  const versions = existsSync(DEFAULT_RELEASES_DIR)
    ? readdirSync(DEFAULT_RELEASES_DIR)
        .map((f) => f.replace(/\.json$/, ''))
        .filter((v) => semver.valid(v))
        .sort(semver.compare)
    : [];
  if (process.env.GREENLIGHT_TEST_PLATFORM !== 'stub' && realReady && versions.length >= 2) {
    return { platformDir: DEFAULT_PLATFORM_DIR, releasesDir: DEFAULT_RELEASES_DIR, releases: [versions.at(-2)!, versions.at(-1)!], real: true };
  }
  return { platformDir: join(here, 'platform'), releasesDir: join(here, 'releases'), releases: ['1.4.0', '1.5.0'], real: false };
}
