import { describe, expect, it } from 'vitest';
import { randu } from '../testing/generators.ts';
import { birthdaySpacingsTest } from './birthday-spacings.ts';
import { cube3dTest } from './cube-3d.ts';
import { gapTest } from './gap.ts';
import { pokerTest } from './poker.ts';
import { outcomePairsTest, outcomeUniformityTest } from './scaled-outcomes.ts';
import { serialCorrelationTest } from './serial-correlation.ts';

/** Well-spread uniforms from the golden-ratio sequence shuffled by a multiplicative hash: deterministic test data. */
function uniforms(count: number, seed = 1): Float64Array {
  let state = BigInt(seed);
  return Float64Array.from({ length: count }, () => {
    state = (state * 6364136223846793005n + 1442695040888963407n) & 0xffffffffffffffffn;
    return Number(state >> 11n) / 2 ** 53;
  });
}

const pOf = (outcome: ReturnType<typeof cube3dTest>) => (outcome.applicable ? outcome.pValues[0]! : Number.NaN);

describe('output-level tests', () => {
  it('RANDU: check values from OEIS A096555', () => {
    expect(Array.from(randu(1, 3))).toEqual([65539, 393225, 1769499]);
  });

  it('3-D cube: RANDU triples fail, a 64-bit LCG’s top bits pass', () => {
    const bad = Float64Array.from(randu(1, 300_000), (x) => x / 2 ** 31);
    expect(pOf(cube3dTest(bad))).toBeLessThan(1e-20);
    expect(pOf(cube3dTest(uniforms(300_000)))).toBeGreaterThan(1e-3);
    expect(cube3dTest(uniforms(100)).applicable).toBe(false);
  });

  it('serial correlation: u_{i+1} close to u_i fails, independent values pass', () => {
    const u = uniforms(10_000);
    const correlated = u.map((x, i) => (i > 0 ? (x + u[i - 1]!) / 2 : x));
    expect(pOf(serialCorrelationTest(correlated))).toBeLessThan(1e-10);
    expect(pOf(serialCorrelationTest(u))).toBeGreaterThan(1e-3);
    expect(pOf(serialCorrelationTest(new Float64Array(200).fill(0.5)))).toBe(0);
  });

  it('gap: values that avoid [0, 1/4) in long stretches fail', () => {
    const u = uniforms(20_000);
    const clumped = u.map((x, i) => (Math.floor(i / 50) % 2 === 0 ? 0.25 + x * 0.75 : x));
    expect(pOf(gapTest(clumped))).toBeLessThan(1e-10);
    expect(pOf(gapTest(u))).toBeGreaterThan(1e-3);
  });

  it('poker: hands that repeat digits too often fail', () => {
    const u = uniforms(20_000);
    const repetitive = u.map((x, i) => (i % 5 === 4 ? u[i - 1]! : x));
    expect(pOf(pokerTest(repetitive))).toBeLessThan(1e-10);
    expect(pOf(pokerTest(u))).toBeGreaterThan(1e-3);
  });

  it('birthday spacings: sound words pass, words from a 2^16-state generator fail', () => {
    const good = Uint32Array.from(uniforms(40_000), (x) => Math.floor(x * 2 ** 32));
    expect(pOf(birthdaySpacingsTest(good))).toBeGreaterThan(1e-3);
    const coarse = good.map((w) => w & 0xffff0000);
    expect(pOf(birthdaySpacingsTest(coarse))).toBeLessThan(1e-10);
  });

  it('scaled outcomes: a biased reel fails uniformity, alternating outcomes fail the pairs test', () => {
    const u = uniforms(100_000);
    const fair = u.map((x) => Math.floor(x * 37));
    expect(pOf(outcomeUniformityTest(fair, [0, 36]))).toBeGreaterThan(1e-3);
    const biased = u.map((x) => Math.min(36, Math.floor(x * 37.4)));
    expect(pOf(outcomeUniformityTest(biased, [0, 36]))).toBeLessThan(1e-10);
    const alternating = fair.map((v, i) => (i % 2 === 1 ? (fair[i - 1]! + 1) % 37 : v));
    expect(pOf(outcomePairsTest(alternating, [0, 36]))).toBeLessThan(1e-10);
    expect(outcomeUniformityTest([0, 1, 2, 99].concat(Array(400).fill(1)), [0, 36])).toMatchObject({ applicable: true, pValues: [0] });
  });
});
