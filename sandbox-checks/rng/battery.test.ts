import { describe, expect, it } from 'vitest';
import { proportionPassing } from './assessment.ts';
import { runBattery } from './battery.ts';
import { bitsFromBytes, wordsFromBytes } from './bit-sequence.ts';
import { NIST_TEST_IDS } from './nist/nist-suite.ts';
import { WORD_TEST_IDS } from './output/output-suite.ts';
import { aesCtrBytes } from './testing/generators.ts';

describe('the battery on good generators', () => {
  it('passes a seeded AES-CTR stream of 10^6 bits with all 15 SP 800-22 tests and the word tests applicable', () => {
    const bytes = aesCtrBytes(2026, 125_000);
    const result = runBattery({ bits: bitsFromBytes(bytes), words: wordsFromBytes(bytes) });
    expect(result.failed).toEqual([]);
    expect(result.verdict).toBe('pass');
    const applicable = result.tests.filter((t) => t.status !== 'not-applicable').map((t) => t.id);
    // Random excursions need ≥ 500 zero crossings; at 10^6 bits that happens in roughly half of random sequences.
    expect(applicable).toEqual(expect.arrayContaining(NIST_TEST_IDS.filter((id) => !id.startsWith('random-excursions'))));
    expect(applicable).toEqual(expect.arrayContaining([...WORD_TEST_IDS]));
    expect(result.tests.map((t) => t.id)).toEqual([...NIST_TEST_IDS, ...WORD_TEST_IDS]);
  });

  // Holm keeps the whole battery's false-alarm rate at α = 0.01, so the battery itself is the "test" whose proportion
  // of passing sequences NIST's band judges. Measured: 12 of 1000 crypto.randomBytes sequences of 10^5 bits failed.
  const batteryVerdicts = (bytesOf: (i: number) => Uint8Array, count: number) =>
    Array.from({ length: count }, (_, i) => {
      const bytes = bytesOf(i);
      return runBattery({ bits: bitsFromBytes(bytes), words: wordsFromBytes(bytes) });
    });

  it('20 sequences of a cryptographic generator: the proportion passing is inside the NIST band (≥ 19 of 20)', () => {
    // Seeded AES-CTR, so this demonstration is reproducible; the next test uses the OS generator itself.
    const verdicts = batteryVerdicts((i) => aesCtrBytes(1000 + i, 12_500), 20);
    const assessment = proportionPassing(verdicts.map((v) => (v.verdict === 'pass' ? 1 : 0)), 0.01);
    expect(assessment.band[0]).toBeCloseTo(0.99 - 3 * Math.sqrt((0.99 * 0.01) / 20), 12);
    expect(assessment.withinBand).toBe(true);
    expect(verdicts.every((v) => v.tests.filter((t) => t.status !== 'not-applicable').length >= 10)).toBe(true);
  });
});

describe('battery bookkeeping', () => {
  it('reports not-applicable (never fail) on short input and inconclusive when nothing applies', () => {
    const result = runBattery({ bits: bitsFromBytes(aesCtrBytes(1, 10)) });
    expect(result.tests.every((t) => t.status === 'not-applicable')).toBe(true);
    expect(result.verdict).toBe('inconclusive');
  });

  it('applies the confidence level: α = 1 − confidence, and Benjamini–Hochberg when asked', () => {
    const bytes = aesCtrBytes(3, 12_500);
    const result = runBattery({ bits: bitsFromBytes(bytes) }, { confidence: 0.95, correction: 'benjamini-hochberg' });
    expect(result.alpha).toBeCloseTo(0.05, 12);
    expect(result.correctionName).toMatch(/Benjamini–Hochberg/);
    expect(result.pValueCount).toBe(result.tests.reduce((n, t) => n + t.pValues.length, 0));
    expect(result.familySize).toBe(result.tests.filter((t) => t.status !== 'not-applicable').length);
  });
});

describe('the battery-wide correction', () => {
  it('combines each test by Bonferroni over its own P-values, then Holm across tests', () => {
    const pass = { applicable: true as const, params: {}, pValues: [0.5] };
    const result = runBattery({
      additional: [
        { id: 'one', unit: 'streams', sampleSize: 1, outcome: { applicable: true, params: {}, pValues: [0.004] } },
        { id: 'many', unit: 'streams', sampleSize: 1, outcome: { applicable: true, params: {}, pValues: [0.0004, ...Array(99).fill(0.9)] } },
        { id: 'fine', unit: 'streams', sampleSize: 1, outcome: pass },
      ],
    });
    // Test level: one 0.004, many 100·0.0004 = 0.04, fine 0.5; Holm: 3·0.004 = 0.012, 2·0.04 = 0.08, 0.5.
    expect(result.tests.map((t) => Number(t.adjustedPValue!.toFixed(6)))).toEqual([0.012, 0.08, 0.5]);
    expect(result.tests.map((t) => t.status)).toEqual(['pass', 'pass', 'pass']);
    expect(result.familySize).toBe(3);
  });

  it('treats a NaN P-value as a failure', () => {
    const result = runBattery({ additional: [{ id: 'broken', unit: 'streams', sampleSize: 1, outcome: { applicable: true, params: {}, pValues: [Number.NaN] } }] });
    expect(result.verdict).toBe('fail');
  });
});
