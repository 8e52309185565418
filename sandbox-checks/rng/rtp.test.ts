import { describe, expect, it } from 'vitest';
import { rtpCheck, simulateSpins, type PaytableEntry } from './rtp.ts';
import { aesCtrBytes } from './testing/generators.ts';

// shared/reference/rng-payments.md §3: RTP 0.96, σ 9.7918, hit rate 0.34928.
const TOY_GAME: PaytableEntry[] = [
  { pay: 0, probability: 0.65072 },
  { pay: 1, probability: 0.2 },
  { pay: 2, probability: 0.1 },
  { pay: 5, probability: 0.04 },
  { pay: 20, probability: 0.008 },
  { pay: 100, probability: 0.0012 },
  { pay: 1000, probability: 0.00008 },
];

/** Uniforms from a seeded AES-CTR keystream: reproducible and sound. */
function seededUniforms(seed: number, count: number): () => number {
  const words = new Uint32Array(aesCtrBytes(seed, count * 4).buffer);
  let i = 0;
  return () => words[i++ % words.length]! / 4294967296;
}

describe('rtpCheck', () => {
  it('computes the toy game exactly from its paytable', () => {
    const result = rtpCheck({ spins: { paytable: TOY_GAME, rng: seededUniforms(1, 1000), count: 1000 }, declaredRtp: 0.96, precision: 0.01 });
    expect(result.theoreticalRtp).toBeCloseTo(0.96, 12);
    expect(result.theoreticalStandardDeviation).toBeCloseTo(9.7918, 4);
    // N = (2.5758 · 9.7918 / 0.01)² ≈ 6.36 × 10⁶ spins for ±1 % at 99 %.
    expect(result.spinsNeeded).toBe(Math.ceil(((2.5758293035489 * result.theoreticalStandardDeviation!) / 0.01) ** 2));
  });

  it.each([
    { sigma: 1, precision: 0.01, needed: 6.6e4 },
    { sigma: 5, precision: 0.005, needed: 6.6e6 },
    { sigma: 20, precision: 0.001, needed: 2.7e9 },
  ])('spins needed at 99 % for σ = $sigma, ±$precision ≈ $needed (reference table)', ({ sigma, precision, needed }) => {
    // A two-point game with mean 1 and standard deviation σ: pays 1/p with probability p = 1/(1+σ²).
    const p = 1 / (1 + sigma * sigma);
    const paytable = [
      { pay: 0, probability: 1 - p },
      { pay: 1 / p, probability: p },
    ];
    const result = rtpCheck({ spins: { outcomes: [0, 1 / p], paytable }, declaredRtp: 1, precision });
    expect(result.theoreticalStandardDeviation).toBeCloseTo(sigma, 9);
    expect(result.spinsNeeded! / needed).toBeGreaterThan(0.97);
    expect(result.spinsNeeded! / needed).toBeLessThan(1.03);
  });

  it('passes 2,000,000 fair spins of the toy game', () => {
    const result = rtpCheck({ spins: { paytable: TOY_GAME, rng: seededUniforms(7, 2_000_000), count: 2_000_000 }, declaredRtp: 0.96 });
    expect(result.findings).toEqual([]);
    expect(result.pass).toBe(true);
    expect(result.interval[0]).toBeLessThan(0.96);
    expect(result.interval[1]).toBeGreaterThan(0.96);
  });

  it('fails when the jackpot is paid half as often as declared (true RTP 0.92)', () => {
    const rigged = TOY_GAME.map((e) => (e.pay === 1000 ? { ...e, probability: 0.00004 } : e.pay === 0 ? { ...e, probability: 0.65076 } : e));
    const outcomes = simulateSpins(rigged, seededUniforms(9, 2_000_000), 2_000_000);
    const judged = rtpCheck({ spins: { outcomes, paytable: TOY_GAME }, declaredRtp: 0.96 });
    expect(judged.pass).toBe(false);
    expect(judged.chiSquare!.pValue).toBeLessThan(1e-4);
    expect(judged.z).toBeLessThan(-3);
  });

  it('fails when the paytable RTP differs from the declared one, and on outcomes the paytable cannot pay', () => {
    const result = rtpCheck({ spins: { outcomes: [0, 1, 2, 7], paytable: TOY_GAME }, declaredRtp: 0.97 });
    expect(result.pass).toBe(false);
    expect(result.findings.join('\n')).toMatch(/differs from the declared 0.97/);
    expect(result.chiSquare!.unknownOutcomes).toBe(1);
  });
});
