import { chiSquarePValue } from './special-functions.ts';

export interface ProportionAssessment {
  sequences: number;
  passed: number;
  proportion: number;
  /** NIST's band p̂ ± 3·√(p̂(1−p̂)/m) with p̂ = 1 − α (SP 800-22 §4.2.1); like STS, only falling below it fails. */
  band: [number, number];
  withinBand: boolean;
}

/** Proportion of sequences passing at level α and whether it lies in NIST's confidence band. */
export function proportionPassing(pValues: readonly number[], alpha: number): ProportionAssessment {
  const m = pValues.length;
  const passed = pValues.filter((p) => p >= alpha).length;
  const expected = 1 - alpha;
  const halfWidth = 3 * Math.sqrt((expected * alpha) / m);
  const proportion = m === 0 ? 0 : passed / m;
  const band: [number, number] = [expected - halfWidth, Math.min(1, expected + halfWidth)];
  return { sequences: m, passed, proportion, band, withinBand: m > 0 && proportion >= band[0] };
}

export interface UniformityAssessment {
  sequences: number;
  counts: number[];
  chiSquare: number;
  pValue: number;
  /** NIST flags non-uniform P-values when P-value_T < 0.0001 (§4.2.2). */
  uniform: boolean;
  /** NIST recommends at least 55 sequences for this to mean much. */
  enoughSequences: boolean;
}

/** Uniformity of P-values: χ² over 10 equal bins, P-value_T = igamc(9/2, χ²/2). */
export function uniformityOfPValues(pValues: readonly number[]): UniformityAssessment {
  const m = pValues.length;
  const counts = new Array<number>(10).fill(0);
  for (const p of pValues) counts[Math.min(9, Math.floor(p * 10))]!++;
  const expected = m / 10;
  const chiSquare = m === 0 ? 0 : counts.reduce((sum, c) => sum + ((c - expected) * (c - expected)) / expected, 0);
  const pValue = m === 0 ? 0 : chiSquarePValue(chiSquare, 9);
  return { sequences: m, counts, chiSquare, pValue, uniform: m > 0 && pValue >= 0.0001, enoughSequences: m >= 55 };
}

export interface SequenceAssessment {
  /** Test id and which of its P-values (templates, states, forward/backward…). */
  id: string;
  index: number;
  proportion: ProportionAssessment;
  uniformity: UniformityAssessment;
  /** Flagged when the proportion falls below the band or the P-values are not uniform. */
  flagged: boolean;
}

/**
 * NIST's second-level assessment over many sequences (`assess.c` computeMetrics): for each test and each of its
 * P-values, the proportion of sequences passing at α and the uniformity of the P-values. Sequences where a test was
 * not applicable are left out of that test's counts (as STS does for the random excursions tests).
 */
export function assessSequences(results: readonly { tests: readonly { id: string; status: string; pValues: readonly number[] }[] }[], alpha: number): SequenceAssessment[] {
  const series = new Map<string, { id: string; index: number; pValues: number[] }>();
  for (const result of results) {
    for (const test of result.tests) {
      if (test.status === 'not-applicable') continue;
      test.pValues.forEach((p, index) => {
        const key = `${test.id}#${index}`;
        if (!series.has(key)) series.set(key, { id: test.id, index, pValues: [] });
        series.get(key)!.pValues.push(p);
      });
    }
  }
  return [...series.values()].map(({ id, index, pValues }) => {
    const proportion = proportionPassing(pValues, alpha);
    const uniformity = uniformityOfPValues(pValues);
    return { id, index, proportion, uniformity, flagged: !proportion.withinBand || (uniformity.enoughSequences && !uniformity.uniform) };
  });
}
