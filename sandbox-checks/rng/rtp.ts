import { adjustPValues } from './correction.ts';
import { DEFAULT_CONFIDENCE } from './confidence.ts';
import { mergeSmallCells, pearsonChiSquare } from './output/chi-square.ts';
import { erfc, normalQuantile } from './special-functions.ts';

/** One paytable line: pays `pay` × stake with `probability`. Probabilities must sum to 1. */
export interface PaytableEntry {
  pay: number;
  probability: number;
  label?: string;
}

/** Spins either observed (payout per unit stake) or simulated from a paytable and a uniform [0, 1) generator. */
export type RtpSpins =
  | { outcomes: ArrayLike<number>; paytable?: readonly PaytableEntry[] }
  | { paytable: readonly PaytableEntry[]; rng: () => number; count: number };

export interface RtpCheckInput {
  spins: RtpSpins;
  /** Declared RTP as a fraction, e.g. 0.96. */
  declaredRtp: number;
  /** Default 0.99. */
  confidence?: number;
  /** Wanted half-width of the RTP interval (fraction, e.g. 0.005 for ±0.5 %); sets `spinsNeeded`. */
  precision?: number;
}

export interface RtpCell {
  pay: number;
  label?: string;
  observed: number;
  expected: number;
}

export interface RtpResult {
  spins: number;
  confidence: number;
  declaredRtp: number;
  observedRtp: number;
  /** Per-spin standard deviation observed. */
  observedStandardDeviation: number;
  /** observed ± z·s/√N from the per-spin variance. */
  interval: [number, number];
  /** RTP and σ computed exactly from the paytable, when given. */
  theoreticalRtp?: number;
  theoreticalStandardDeviation?: number;
  /** Z = (observed − declared) / (σ/√N), σ from the paytable when given, else observed. */
  z: number;
  zPValue: number;
  chiSquare?: { statistic: number; degreesOfFreedom: number; pValue: number; cells: RtpCell[]; unknownOutcomes: number };
  /** Holm-adjusted P-values of the Z and χ² tests (the two are judged together). */
  adjustedPValues: { z: number; chiSquare?: number };
  precision?: number;
  /** Spins needed for the interval half-width to reach `precision`: N = (z·σ/h)². */
  spinsNeeded?: number;
  pass: boolean;
  /** Why it failed (empty when it passed). */
  findings: string[];
}

const PAYTABLE_TOLERANCE = 1e-9;

function paytableMoments(paytable: readonly PaytableEntry[]) {
  const mean = paytable.reduce((sum, e) => sum + e.probability * e.pay, 0);
  const variance = paytable.reduce((sum, e) => sum + e.probability * (e.pay - mean) ** 2, 0);
  const totalProbability = paytable.reduce((sum, e) => sum + e.probability, 0);
  return { mean, sd: Math.sqrt(variance), totalProbability };
}

/** Simulates `count` spins: each draws u ∈ [0, 1) and walks the cumulative paytable. */
export function simulateSpins(paytable: readonly PaytableEntry[], rng: () => number, count: number): Float64Array {
  const cumulative: number[] = [];
  let running = 0;
  for (const entry of paytable) cumulative.push((running += entry.probability));
  const out = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const u = rng();
    let index = cumulative.findIndex((c) => u < c);
    if (index < 0) index = paytable.length - 1;
    out[i] = paytable[index]!.pay;
  }
  return out;
}

/**
 * Compares observed RTP with the declared one (interval from the per-spin variance and a Z-test), outcome frequencies
 * with the paytable (Pearson χ², cells merged until each expects ≥ 5), and says how many spins `precision` needs.
 */
export function rtpCheck(input: RtpCheckInput): RtpResult {
  const confidence = input.confidence ?? DEFAULT_CONFIDENCE;
  const alpha = 1 - confidence;
  const zCritical = normalQuantile(1 - alpha / 2);
  const paytable = input.spins.paytable;
  const outcomes = 'outcomes' in input.spins ? input.spins.outcomes : simulateSpins(input.spins.paytable, input.spins.rng, input.spins.count);
  const n = outcomes.length;
  const findings: string[] = [];
  let sum = 0;
  for (let i = 0; i < n; i++) sum += outcomes[i]!;
  const mean = n > 0 ? sum / n : Number.NaN;
  let squares = 0;
  for (let i = 0; i < n; i++) squares += (outcomes[i]! - mean) ** 2;
  const sampleSd = n > 1 ? Math.sqrt(squares / (n - 1)) : Number.NaN;
  const moments = paytable ? paytableMoments(paytable) : undefined;
  if (moments && Math.abs(moments.totalProbability - 1) > PAYTABLE_TOLERANCE) findings.push(`paytable probabilities sum to ${moments.totalProbability}, not 1`);
  if (moments && Math.abs(moments.mean - input.declaredRtp) > PAYTABLE_TOLERANCE) {
    findings.push(`paytable RTP ${moments.mean} differs from the declared ${input.declaredRtp}`);
  }
  const sigma = moments?.sd ?? sampleSd;
  const z = (mean - input.declaredRtp) / (sigma / Math.sqrt(n));
  const zPValue = erfc(Math.abs(z) / Math.SQRT2);
  const halfWidth = (zCritical * sampleSd) / Math.sqrt(n);
  const chiSquare = paytable ? outcomeChiSquare(outcomes, paytable) : undefined;
  const [zAdjusted, chiAdjusted] = adjustPValues(chiSquare ? [zPValue, chiSquare.pValue] : [zPValue], 'holm');
  if (n < 2) findings.push(`${n} spins: too few to judge`);
  if (!(zAdjusted! >= alpha)) findings.push(`observed RTP ${mean.toFixed(6)} is not consistent with the declared ${input.declaredRtp} (Z = ${z.toFixed(3)})`);
  if (chiSquare && !(chiAdjusted! >= alpha)) findings.push(`outcome frequencies differ from the paytable (χ² P = ${chiSquare.pValue.toExponential(2)})`);
  if (chiSquare && chiSquare.unknownOutcomes > 0) findings.push(`${chiSquare.unknownOutcomes} outcomes pay amounts the paytable does not have`);
  const spinsNeeded = input.precision ? Math.ceil(((zCritical * sigma) / input.precision) ** 2) : undefined;
  return {
    spins: n,
    confidence,
    declaredRtp: input.declaredRtp,
    observedRtp: mean,
    observedStandardDeviation: sampleSd,
    interval: [mean - halfWidth, mean + halfWidth],
    ...(moments ? { theoreticalRtp: moments.mean, theoreticalStandardDeviation: moments.sd } : {}),
    z,
    zPValue,
    ...(chiSquare ? { chiSquare } : {}),
    adjustedPValues: { z: zAdjusted!, ...(chiSquare ? { chiSquare: chiAdjusted! } : {}) },
    ...(input.precision !== undefined ? { precision: input.precision, spinsNeeded } : {}),
    pass: findings.length === 0,
    findings,
  };
}

function outcomeChiSquare(outcomes: ArrayLike<number>, paytable: readonly PaytableEntry[]) {
  const indexOfPay = new Map(paytable.map((entry, i) => [entry.pay, i]));
  const observed = new Array<number>(paytable.length).fill(0);
  let unknownOutcomes = 0;
  for (let i = 0; i < outcomes.length; i++) {
    const index = indexOfPay.get(outcomes[i]!);
    if (index === undefined) unknownOutcomes++;
    else observed[index]!++;
  }
  const n = outcomes.length;
  const cells: RtpCell[] = paytable.map((entry, i) => ({ pay: entry.pay, ...(entry.label ? { label: entry.label } : {}), observed: observed[i]!, expected: n * entry.probability }));
  const merged = mergeSmallCells(observed, cells.map((c) => c.expected));
  const result = merged.observed.length > 1 ? pearsonChiSquare(merged.observed, merged.expected) : { chiSquare: 0, degreesOfFreedom: 0, pValue: 1 };
  // An outcome the paytable cannot produce is proof of a defect, whatever the χ² says.
  const pValue = unknownOutcomes > 0 ? 0 : result.pValue;
  return { statistic: result.chiSquare, degreesOfFreedom: result.degreesOfFreedom, pValue, cells, unknownOutcomes };
}
