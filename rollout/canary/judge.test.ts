import { describe, expect, it } from 'vitest';
import type { TrafficSample } from '../traffic/traffic.ts';
import { compareErrors, compareLatency, judgeStep, type CanaryCriteria } from './judge.ts';

const criteria: CanaryCriteria = { confidence: 0.99, minSamples: 50, latencyGrowth: 0.2, errorRateGrowth: 0.1, latencyEffectFloor: 0.05, errorRateFloor: 0.005 };

/** Deterministic spread of `n` latencies around `median` (±40%), no randomness in tests. */
const spread = (n: number, median: number) => Array.from({ length: n }, (_, i) => median * (0.6 + (0.8 * ((i * 0.618_033_988_75) % 1))));
const sample = (pool: string, latencyMs: number, status = 200, extra: Partial<TrafficSample> = {}): TrafficSample => ({ t: 0, route: 'spin', write: true, pool, status, latencyMs, ...extra });

describe('compareLatency', () => {
  it.each([
    { name: 'same distribution', base: spread(200, 20), cand: spread(200, 20), expected: 'pass' },
    { name: '30% slower', base: spread(200, 20), cand: spread(200, 26), expected: 'high' },
    { name: '10% slower: significant but under the 20% seed threshold', base: spread(400, 20), cand: spread(400, 22), expected: 'pass' },
    { name: '30% faster', base: spread(200, 26), cand: spread(200, 20), expected: 'pass' },
    { name: 'too few candidate samples', base: spread(200, 20), cand: spread(49, 40), expected: 'insufficient' },
    { name: 'too few baseline samples', base: spread(10, 20), cand: spread(200, 40), expected: 'insufficient' },
  ])('$name → $expected', ({ base, cand, expected }) => {
    expect(compareLatency(base, cand, criteria).classification).toBe(expected);
  });

  it('states the test: p-value after Bonferroni over the step\'s two metrics, and the shift with its CI', () => {
    const result = compareLatency(spread(200, 20), spread(200, 26), criteria);
    expect(result.test!.adjustedPValue).toBeCloseTo(Math.min(1, result.test!.pValue * 2), 12);
    expect(result.test!.ci[0]).toBeGreaterThan(0);
    expect(result.test!.estimate).toBeGreaterThan(4);
    expect(result.growth.p50).toBeCloseTo(0.3, 1);
  });
});

describe('compareErrors', () => {
  const requests = (pool: string, n: number, failures: number) => Array.from({ length: n }, (_, i) => sample(pool, 10, i < failures ? 503 : 200));
  it.each([
    { name: 'no errors anywhere', base: requests('blue', 300, 0), cand: requests('green', 300, 0), expected: 'pass' },
    { name: '0% → 8%', base: requests('blue', 300, 0), cand: requests('green', 300, 24), expected: 'high' },
    { name: '1% → 1.05%: under the floor', base: requests('blue', 2000, 20), cand: requests('green', 2000, 21), expected: 'pass' },
    { name: 'baseline worse', base: requests('blue', 300, 24), cand: requests('green', 300, 0), expected: 'pass' },
    { name: 'too few', base: requests('blue', 300, 0), cand: requests('green', 20, 10), expected: 'insufficient' },
  ])('$name → $expected', ({ base, cand, expected }) => {
    expect(compareErrors(base, cand, criteria).classification).toBe(expected);
  });

  it('counts a request that got no answer as a 5xx', () => {
    const cand = [...requests('green', 280, 0), ...Array.from({ length: 20 }, () => sample('green', 5_000, 0, { error: 'socket hang up' }))];
    expect(compareErrors(requests('blue', 300, 0), cand, criteria).candidate.rate).toBeCloseTo(20 / 300, 12);
  });
});

describe('judgeStep', () => {
  const pools = { baseline: 'blue', candidate: 'green' };
  const of = (pool: string, latencies: number[]) => latencies.map((l) => sample(pool, l));
  it.each([
    { name: 'pass', samples: [...of('blue', spread(150, 20)), ...of('green', spread(150, 20))], verdict: 'pass' },
    { name: 'slow candidate fails', samples: [...of('blue', spread(150, 20)), ...of('green', spread(150, 30))], verdict: 'fail' },
    { name: 'a 5% step lacks samples', samples: [...of('blue', spread(190, 20)), ...of('green', spread(10, 20))], verdict: 'inconclusive' },
    { name: 'no traffic at all', samples: [], verdict: 'inconclusive' },
  ])('$name', ({ samples, verdict }) => {
    expect(judgeStep(samples, pools, criteria).verdict).toBe(verdict);
  });

  it.each([
    { name: 'few unanswered requests do not decide: pass', lost: 2, verdict: 'pass' },
    { name: 'many unanswered requests decide either way: inconclusive', lost: 30, verdict: 'inconclusive' },
  ])('$name', ({ lost, verdict }) => {
    const noAnswer = Array.from({ length: lost }, () => sample('x', 0, 0, { pool: null, error: 'timeout' }));
    const result = judgeStep([...of('blue', spread(150, 20)), ...of('green', spread(150, 20)), ...noAnswer], pools, criteria);
    expect(result.verdict).toBe(verdict);
    expect(result.comparisons[1]!.candidateSamples).toBe(150 + lost);
  });

  it('counts unanswered requests pinned to a pool against that pool', () => {
    const noAnswer = Array.from({ length: 30 }, () => sample('x', 0, 0, { pool: null, pinned: 'green', error: 'reset' }));
    const result = judgeStep([...of('blue', spread(150, 20)), ...of('green', spread(150, 20)), ...noAnswer], pools, criteria);
    expect(result.verdict).toBe('fail');
    expect(result.comparisons[1]).toMatchObject({ classification: 'high', candidateSamples: 180 });
  });

  it('judges latency on the spin route only', () => {
    const reads = Array.from({ length: 150 }, () => sample('green', 500, 200, { route: 'wallet', write: false }));
    const result = judgeStep([...of('blue', spread(150, 20)), ...of('green', spread(150, 20)), ...reads], pools, criteria);
    expect(result.comparisons[0]!.candidateSamples).toBe(150);
    expect(result.verdict).toBe('pass');
  });
});
