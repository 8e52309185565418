import { normalCdf, normalQuantile } from './normal.ts';

export interface MannWhitneyResult {
  /** U of the experiment sample: how often an experiment value beats a control value (ties count half). */
  u: number;
  z: number;
  /** Two-sided p-value from the normal approximation with tie correction. */
  pValue: number;
  /** Hodges-Lehmann estimate of the shift experiment − control (median of pairwise differences). */
  estimate: number;
  /** Two-sided confidence interval for the shift, at `confidence`. */
  ci: [number, number];
  confidence: number;
  controlSize: number;
  experimentSize: number;
}

export interface MannWhitneyOptions {
  confidence: number;
  /** Subtract 0.5 from |U − mean| (R's `correct = TRUE`). */
  continuityCorrection?: boolean;
}

/** Average ranks (1-based) of `values` and the tie term Σ(t³ − t) over groups of equal values. */
export function averageRanks(values: readonly number[]): { ranks: number[]; tieTerm: number } {
  const order = values.map((v, i) => [v, i] as const).sort((a, b) => a[0] - b[0]);
  const ranks = new Array<number>(values.length);
  let tieTerm = 0;
  for (let start = 0; start < order.length; ) {
    let end = start;
    while (end + 1 < order.length && order[end + 1]![0] === order[start]![0]) end++;
    const rank = (start + end) / 2 + 1;
    for (let k = start; k <= end; k++) ranks[order[k]![1]] = rank;
    const t = end - start + 1;
    tieTerm += t * t * t - t;
    start = end + 1;
  }
  return { ranks, tieTerm };
}

/** Pairwise differences grow as n·m: above this many values a side is thinned to evenly spaced order statistics. */
export const HL_MAX_SIDE = 2_000;

function thin(values: readonly number[]): readonly number[] {
  if (values.length <= HL_MAX_SIDE) return values;
  const sorted = [...values].sort((a, b) => a - b);
  return Array.from({ length: HL_MAX_SIDE }, (_, i) => sorted[Math.round((i * (sorted.length - 1)) / (HL_MAX_SIDE - 1))]!);
}

function median(sorted: readonly number[]): number {
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * Hodges-Lehmann shift and its distribution-free confidence interval from the order statistics of the pairwise
 * differences (Hollander & Wolfe; the normal approximation picks the order statistic, as Kayenta's port of R does).
 */
export function hodgesLehmann(allControl: readonly number[], allExperiment: readonly number[], confidence: number): { estimate: number; ci: [number, number] } {
  const control = thin(allControl);
  const experiment = thin(allExperiment);
  const n = control.length;
  const m = experiment.length;
  const diffs = new Float64Array(n * m);
  let k = 0;
  for (const y of experiment) for (const x of control) diffs[k++] = y - x;
  diffs.sort();
  const sorted = Array.from(diffs);
  const z = normalQuantile(1 - (1 - confidence) / 2);
  const nm = n * m;
  const lowIndex = Math.max(0, Math.floor(nm / 2 - z * Math.sqrt((nm * (n + m + 1)) / 12)));
  const highIndex = Math.min(nm - 1, nm - 1 - lowIndex);
  return { estimate: median(sorted), ci: [sorted[lowIndex]!, sorted[highIndex]!] };
}

/** Two-sided Mann-Whitney U test of experiment against control, normal approximation with tie correction. */
export function mannWhitney(control: readonly number[], experiment: readonly number[], options: MannWhitneyOptions): MannWhitneyResult {
  const n1 = control.length;
  const n2 = experiment.length;
  if (n1 === 0 || n2 === 0) throw new RangeError('Mann-Whitney needs at least one value on each side');
  const { ranks, tieTerm } = averageRanks([...control, ...experiment]);
  const total = n1 + n2;
  let rankSum = 0;
  for (let i = n1; i < total; i++) rankSum += ranks[i]!;
  const u = rankSum - (n2 * (n2 + 1)) / 2;
  const mean = (n1 * n2) / 2;
  const variance = ((n1 * n2) / 12) * (total + 1 - tieTerm / (total * (total - 1) || 1));
  let z = 0;
  if (variance > 0) {
    const delta = u - mean;
    const correction = options.continuityCorrection ? Math.sign(delta) * Math.min(0.5, Math.abs(delta)) : 0;
    z = (delta - correction) / Math.sqrt(variance);
  }
  const pValue = variance > 0 ? Math.min(1, 2 * normalCdf(-Math.abs(z))) : 1;
  const { estimate, ci } = hodgesLehmann(control, experiment, options.confidence);
  return { u, z, pValue, estimate, ci, confidence: options.confidence, controlSize: n1, experimentSize: n2 };
}
