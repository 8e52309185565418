import { randomBytes } from 'node:crypto';

/** Sortable, unique, filesystem-safe: `20261127-041502-a3f9`. */
export function newRunId(now: Date = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `${stamp}-${randomBytes(2).toString('hex')}`;
}
