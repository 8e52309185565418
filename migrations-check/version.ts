/**
 * Flyway's MigrationVersion: `_` means `.`, parts split at dots followed by a digit, each part a
 * non-negative big integer, trailing zero parts dropped, so `1`, `1.0` and `1.0.0` are one version.
 */
export interface MigrationVersion {
  /** As Flyway stores it in `flyway_schema_history.version`: the raw text with `_` replaced by `.`. */
  text: string;
  parts: readonly bigint[];
}

const PART = /^[+-]?\d+$/;

export class InvalidVersionError extends Error {
  constructor(raw: string) {
    super(`Version may only contain 0..9 and . (dot). Invalid version: ${raw}`);
    this.name = 'InvalidVersionError';
  }
}

export function parseVersion(raw: string): MigrationVersion {
  const text = raw.replaceAll('_', '.');
  const tokens = text.split(/\.(?=\d)/);
  const parts: bigint[] = [];
  for (const token of tokens) {
    if (!PART.test(token)) throw new InvalidVersionError(raw);
    parts.push(BigInt(token));
  }
  while (parts.length > 0 && parts[parts.length - 1] === 0n) parts.pop();
  return { text, parts };
}

export function compareVersions(a: MigrationVersion, b: MigrationVersion): number {
  const length = Math.max(a.parts.length, b.parts.length);
  for (let i = 0; i < length; i++) {
    const x = a.parts[i] ?? 0n;
    const y = b.parts[i] ?? 0n;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

export function sameVersion(a: MigrationVersion, b: MigrationVersion): boolean {
  return compareVersions(a, b) === 0;
}
