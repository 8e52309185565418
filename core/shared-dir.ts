import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The team's shared folder beside the checkout (reference notes, the Chaos Mesh and k6-operator CRD schemas
 * that generated manifests are validated against): `GREENLIGHT_SHARED_DIR`, else `<checkout>/../shared`, else the
 * workplace's `/work/shared`.
 */
export function sharedPath(...segments: string[]): string {
  const beside = fileURLToPath(new URL('../../shared', import.meta.url));
  const root = process.env['GREENLIGHT_SHARED_DIR'] ?? (existsSync(beside) ? beside : '/work/shared');
  return join(root, ...segments);
}

export function hasShared(...segments: string[]): boolean {
  return existsSync(sharedPath(...segments));
}
