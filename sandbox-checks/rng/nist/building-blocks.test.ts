import { describe, expect, it } from 'vitest';
import { aperiodicTemplates, isAperiodic } from './aperiodic-templates.ts';
import { linearComplexity, linearComplexityPacked } from './berlekamp-massey.ts';
import { dft, naiveDft, realDftModuli } from './fft.ts';
import { gf2Rank } from './gf2-rank.ts';
import { rankProbability } from './rank.ts';

describe('FFT', () => {
  it.each([1, 2, 8, 10, 100, 127, 1000])('matches the naive DFT at n = %i', (n) => {
    const input = Array.from({ length: n }, (_, i) => Math.sin(i * 1.7) + ((i * 7919) % 13) / 13);
    const fast = dft(input);
    const slow = naiveDft(input);
    for (let k = 0; k < n; k++) {
      expect(Math.abs(fast.re[k]! - slow.re[k]!)).toBeLessThan(1e-8 * n);
      expect(Math.abs(fast.im[k]! - slow.im[k]!)).toBeLessThan(1e-8 * n);
    }
  });
});

describe('GF(2) rank', () => {
  it.each([
    { rows: [0b100, 0b010, 0b001], columns: 3, rank: 3 },
    { rows: [0b110, 0b011, 0b101], columns: 3, rank: 2 },
    { rows: [0, 0, 0], columns: 3, rank: 0 },
    { rows: [0xffffffff, 0xffffffff, 0x80000000], columns: 32, rank: 2 },
  ])('rank of $rows is $rank', ({ rows, columns, rank }) => {
    expect(gf2Rank(Uint32Array.from(rows), columns)).toBe(rank);
  });

  it('gives the 32×32 class probabilities of SP 800-22 §3.5 (0.2888, 0.5776)', () => {
    expect(rankProbability(32, 32, 32)).toBeCloseTo(0.2888, 4);
    expect(rankProbability(31, 32, 32)).toBeCloseTo(0.5776, 4);
  });
});

describe('Berlekamp–Massey', () => {
  it.each([
    { bits: '1101011110001', complexity: 4 }, // SP 800-22 §2.10.4
    { bits: '0000000', complexity: 0 },
    { bits: '0000001', complexity: 7 },
    { bits: '1010101010', complexity: 2 },
  ])('$bits has linear complexity $complexity', ({ bits, complexity }) => {
    expect(linearComplexity([...bits].map(Number))).toBe(complexity);
  });
});

describe('aperiodic templates', () => {
  it('there are 148 of length 9, as STS uses', () => {
    expect(aperiodicTemplates(9)).toHaveLength(148);
    expect(aperiodicTemplates(9)[0]).toBe('000000001');
  });
  it.each([
    ['001', true],
    ['010', false],
    ['111', false],
    ['0011', true],
  ] as const)('%s aperiodic: %s', (template, expected) => {
    expect(isAperiodic(template)).toBe(expected);
  });
});

describe('packed Berlekamp–Massey', () => {
  it('agrees with the plain algorithm on 300 pseudo-random blocks of several lengths', () => {
    let state = 12345;
    const bits = Uint8Array.from({ length: 40_000 }, () => {
      state = (state * 1103515245 + 12345) >>> 0;
      return state >>> 31;
    });
    for (let k = 0; k < 300; k++) {
      const length = [13, 31, 32, 33, 64, 100, 500][k % 7]!;
      const start = (k * 97) % (bits.length - length);
      expect(linearComplexityPacked(bits, start, length)).toBe(linearComplexity(bits, start, length));
    }
  });
  it.each(['1101011110001', '0000000', '0000001', '1010101010'])('%s', (text) => {
    const bits = [...text].map(Number);
    expect(linearComplexityPacked(bits, 0, bits.length)).toBe(linearComplexity(bits));
  });
});

describe('real-signal DFT moduli', () => {
  it.each([10, 100, 998, 1000, 1024])('match the naive DFT at n = %i', (n) => {
    const signal = Float64Array.from({ length: n }, (_, i) => ((i * 2654435761) >>> 0) % 3 === 0 ? 1 : -1);
    const slow = naiveDft(signal);
    const fast = realDftModuli(signal);
    expect(fast).toHaveLength(Math.floor(n / 2));
    fast.forEach((modulus, k) => expect(Math.abs(modulus - Math.hypot(slow.re[k]!, slow.im[k]!))).toBeLessThan(1e-8 * n));
  });
});
