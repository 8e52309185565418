import { mannWhitney, type MannWhitneyResult } from '../stats/mann-whitney.ts';
import { quantile } from '../stats/quantile.ts';
import type { TrafficSample } from '../traffic/traffic.ts';

export interface CanaryCriteria {
  /** Two-sided confidence of each test before correction, e.g. 0.99. */
  confidence: number;
  /** Per side and metric; fewer makes the step inconclusive. */
  minSamples: number;
  /** Seed policy: more than this relative latency growth (the location shift against the baseline median) is a regression. */
  latencyGrowth: number;
  /** Seed policy: more than this relative 5xx-rate growth is a regression. */
  errorRateGrowth: number;
  /** Effect-size floor: the latency shift (Hodges-Lehmann) must be at least this share of the baseline median. */
  latencyEffectFloor: number;
  /** Effect-size floor: the 5xx rate must grow by at least this much in absolute terms. */
  errorRateFloor: number;
}

/** `unattributed`: failures without an answer (so without a pool) could decide the outcome either way. */
export type MetricClass = 'pass' | 'high' | 'insufficient' | 'unattributed';

export interface MetricComparison {
  metric: 'latency' | 'errors';
  classification: MetricClass;
  baselineSamples: number;
  candidateSamples: number;
  /** Hodges-Lehmann shift, its CI, and the two-sided p-value before and after Bonferroni over the step's metrics. */
  test?: Pick<MannWhitneyResult, 'u' | 'z' | 'pValue' | 'estimate' | 'ci' | 'confidence'> & { adjustedPValue: number };
  baseline: Record<string, number>;
  candidate: Record<string, number>;
  /** Relative growth candidate/baseline − 1 of each statistic the seed thresholds look at; null when growing from zero. */
  growth: Record<string, number | null>;
  message: string;
}

const METRICS_PER_STEP = 2;
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

function isServerError(s: TrafficSample): number {
  return s.status === 0 || s.status >= 500 ? 1 : 0;
}

function growth(candidate: number, baseline: number): number | null {
  if (baseline === 0) return candidate === 0 ? 0 : null;
  return candidate / baseline - 1;
}

/** Growth from zero (null) is more than any threshold. */
function exceeds(g: number | null, threshold: number): boolean {
  return g === null || g > threshold;
}

const pctOf = (g: number | null) => (g === null ? 'from zero' : pct(g));

function runTest(control: number[], experiment: number[], criteria: CanaryCriteria): NonNullable<MetricComparison['test']> {
  const result = mannWhitney(control, experiment, { confidence: criteria.confidence });
  return {
    u: result.u,
    z: result.z,
    pValue: result.pValue,
    estimate: result.estimate,
    ci: result.ci,
    confidence: result.confidence,
    adjustedPValue: Math.min(1, result.pValue * METRICS_PER_STEP),
  };
}

/** Candidate vs baseline latency (answered requests of `route`): Mann-Whitney, effect floor, seed thresholds. */
export function compareLatency(baseline: number[], candidate: number[], criteria: CanaryCriteria): MetricComparison {
  const stats = (v: number[]) => ({ p50: quantile(v, 0.5), p95: quantile(v, 0.95), p99: quantile(v, 0.99) });
  const base = { metric: 'latency' as const, baselineSamples: baseline.length, candidateSamples: candidate.length };
  if (baseline.length < criteria.minSamples || candidate.length < criteria.minSamples) {
    return { ...base, classification: 'insufficient', baseline: {}, candidate: {}, growth: {}, message: `latency: ${candidate.length} candidate / ${baseline.length} baseline samples, ${criteria.minSamples} needed on each side` };
  }
  const b = stats(baseline);
  const c = stats(candidate);
  const g = { p50: growth(c.p50, b.p50), p95: growth(c.p95, b.p95), p99: growth(c.p99, b.p99) };
  const test = runTest(baseline, candidate, criteria);
  const alpha = 1 - criteria.confidence;
  const significant = test.adjustedPValue < alpha && test.ci[0] > 0;
  const effect = b.p50 > 0 ? test.estimate / b.p50 : 0;
  // The decision rests on the robust location shift (Hodges-Lehmann, relative to the baseline median), as Kayenta's
  // does: tail percentiles of a few hundred samples swing by tens of percent between two identical pools on a busy
  // machine, so they are reported, not decisive.
  const high = significant && effect >= criteria.latencyEffectFloor && exceeds(effect, criteria.latencyGrowth);
  const message = `latency p50 ${c.p50.toFixed(1)} vs ${b.p50.toFixed(1)} ms (${pctOf(g.p50)}), p95 ${c.p95.toFixed(1)} vs ${b.p95.toFixed(1)} ms (${pctOf(g.p95)}), p99 ${pctOf(g.p99)}; shift ${test.estimate.toFixed(2)} ms [${test.ci[0].toFixed(2)}, ${test.ci[1].toFixed(2)}], p=${test.adjustedPValue.toPrecision(3)}`;
  return { ...base, classification: high ? 'high' : 'pass', test, baseline: b, candidate: c, growth: { ...g, shift: effect }, message };
}

/** Candidate vs baseline 5xx rate (transport failures count as 5xx): Mann-Whitney on 0/1 outcomes. */
export function compareErrors(baseline: TrafficSample[], candidate: TrafficSample[], criteria: CanaryCriteria): MetricComparison {
  const base = { metric: 'errors' as const, baselineSamples: baseline.length, candidateSamples: candidate.length };
  if (baseline.length < criteria.minSamples || candidate.length < criteria.minSamples) {
    return { ...base, classification: 'insufficient', baseline: {}, candidate: {}, growth: {}, message: `5xx rate: ${candidate.length} candidate / ${baseline.length} baseline requests, ${criteria.minSamples} needed on each side` };
  }
  const b = baseline.map(isServerError);
  const c = candidate.map(isServerError);
  const rate = (v: number[]) => v.reduce((a, x) => a + x, 0) / v.length;
  const rb = rate(b);
  const rc = rate(c);
  const test = runTest(b, c, criteria);
  const g = growth(rc, rb);
  const significant = test.adjustedPValue < 1 - criteria.confidence;
  const high = significant && rc - rb >= criteria.errorRateFloor && exceeds(g, criteria.errorRateGrowth);
  const message = `5xx rate ${pct(rc)} vs ${pct(rb)} (${pctOf(g)}), p=${test.adjustedPValue.toPrecision(3)}`;
  return { ...base, classification: high ? 'high' : 'pass', test, baseline: { rate: rb }, candidate: { rate: rc }, growth: { rate: g }, message };
}

export interface StepJudgement {
  verdict: 'pass' | 'fail' | 'inconclusive';
  comparisons: MetricComparison[];
}

/**
 * One canary step: fail when any metric is high; inconclusive when any lacks samples or hangs on failures nobody
 * can attribute; pass otherwise. A request that got no answer names no pool: it is counted once against the
 * candidate and once against the baseline, and only a verdict both readings share stands.
 */
export function judgeStep(samples: readonly TrafficSample[], pools: { baseline: string; candidate: string }, criteria: CanaryCriteria, latencyRoute = 'spin'): StepJudgement {
  const of = (pool: string) => samples.filter((s) => s.pool === pool || (s.pool === null && s.pinned === pool));
  const unattributed = samples.filter((s) => s.pool === null && s.pinned === undefined);
  const answered = (list: TrafficSample[]) => list.filter((s) => s.route === latencyRoute && s.status > 0 && s.status < 500).map((s) => s.latencyMs);
  const baseline = of(pools.baseline);
  const candidate = of(pools.candidate);
  const worst = compareErrors(baseline, [...candidate, ...unattributed], criteria);
  const best = compareErrors([...baseline, ...unattributed], candidate, criteria);
  const errors: MetricComparison = worst.classification === best.classification
    ? worst
    : { ...worst, classification: 'unattributed', message: `${worst.message}; ${unattributed.length} request(s) got no answer and name no pool, which decides the comparison` };
  const comparisons = [compareLatency(answered(baseline), answered(candidate), criteria), errors];
  const verdict = comparisons.some((c) => c.classification === 'high') ? 'fail' : comparisons.every((c) => c.classification === 'pass') ? 'pass' : 'inconclusive';
  return { verdict, comparisons };
}
