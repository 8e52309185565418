/** Multiple-testing corrections the battery offers. Holm controls the family-wise error rate (the default). */
export const CORRECTIONS = ['holm', 'benjamini-hochberg'] as const;
export type Correction = (typeof CORRECTIONS)[number];

export const CORRECTION_NAMES: Record<Correction, string> = {
  holm: 'Holm–Bonferroni across tests, Bonferroni within each test (family-wise error rate)',
  'benjamini-hochberg': 'Benjamini–Hochberg across tests, Bonferroni within each test (false discovery rate)',
};

/** Adjusted P-values in the input order; compare each with α. */
export function adjustPValues(pValues: readonly number[], correction: Correction): number[] {
  const m = pValues.length;
  const order = pValues.map((p, i) => ({ p, i })).sort((a, b) => a.p - b.p);
  const adjusted = new Array<number>(m);
  if (correction === 'holm') {
    let running = 0;
    order.forEach(({ p, i }, rank) => {
      running = Math.max(running, Math.min(1, (m - rank) * p));
      adjusted[i] = running;
    });
  } else {
    let running = 1;
    for (let rank = m - 1; rank >= 0; rank--) {
      const { p, i } = order[rank]!;
      running = Math.min(running, Math.min(1, (m / (rank + 1)) * p));
      adjusted[i] = running;
    }
  }
  return adjusted;
}
