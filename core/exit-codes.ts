import type { Verdict } from './verdict.ts';

/** The only place exit codes are decided. Only 0 promotes. */
export const EXIT = {
  GO: 0,
  NO_GO: 1,
  INCONCLUSIVE: 2,
  /** Usage or configuration error: nothing ran. */
  USAGE: 64,
} as const;

export function exitCodeFor(verdict: Verdict): number {
  switch (verdict) {
    case 'GO':
      return EXIT.GO;
    case 'NO-GO':
      return EXIT.NO_GO;
    case 'INCONCLUSIVE':
      return EXIT.INCONCLUSIVE;
  }
}
