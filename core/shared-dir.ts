import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The team's shared folder beside the checkout (reference notes, the Chaos Mesh and k6-operator CRD schemas
 * that generated manifests are validated against): `GREENLIGHT_SHARED_DIR`, else `<checkout>/../shared`.
 */
export function sharedPath(...segments: string[]): string {
  const root = process.env['GREENLIGHT_SHARED_DIR'] ?? fileURLToPath(new URL('../../shared', import.meta.url));
  return join(root, ...segments);
}

export function hasShared(...segments: string[]): boolean {
  return existsSync(sharedPath(...segments));
}
