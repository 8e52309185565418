import { describe, expect, it } from 'vitest';
import { runBattery } from './battery.ts';
import { bitsFromBytes } from './bit-sequence.ts';
import { evaluateBattery, evaluateRtp } from './evaluate.ts';
import { rtpCheck } from './rtp.ts';
import { aesCtrBytes } from './testing/generators.ts';

describe('evaluateBattery', () => {
  it('gives one check per test plus the battery check, each stating test, sample size, confidence and P-value', () => {
    const result = runBattery({ bits: bitsFromBytes(aesCtrBytes(4, 12_500)) }, { confidence: 0.95 });
    const checks = evaluateBattery(result, { idPrefix: 'rng.raw' });
    expect(checks.map((c) => c.id)).toEqual([...result.tests.map((t) => `rng.raw.${t.id}`), 'rng.raw.battery']);
    for (const c of checks.filter((c) => c.status === 'pass' || c.status === 'fail')) {
      if (c.id.endsWith('.battery')) continue;
      expect(c.statistics).toMatchObject({ confidence: 0.95, sampleSize: 100_000 });
      expect(c.statistics!.pValue).toBeGreaterThanOrEqual(0);
      expect(c.threshold).toBe('adjusted p >= 0.05');
    }
  });

  it('turns a failing test into a blocking fail and no applicable test into inconclusive', () => {
    const zeros = runBattery({ bits: new Uint8Array(10_000) }, { only: ['frequency'] });
    expect(evaluateBattery(zeros)).toMatchObject([
      { id: 'rng.frequency', status: 'fail', blocking: true, reason: 'threshold_breached' },
      { id: 'rng.battery', status: 'fail' },
    ]);
    const tiny = runBattery({ bits: new Uint8Array(10) });
    const checks = evaluateBattery(tiny);
    expect(checks.at(-1)).toMatchObject({ id: 'rng.battery', status: 'inconclusive', blocking: true, reason: 'insufficient_samples' });
    expect(checks.slice(0, -1).every((c) => c.status === 'skipped' && !c.blocking)).toBe(true);
  });
});

describe('evaluateRtp', () => {
  const paytable = [
    { pay: 0, probability: 0.5 },
    { pay: 2, probability: 0.5 },
  ];
  it.each([
    { name: 'fair', outcomes: Array.from({ length: 1000 }, (_, i) => (i % 2) * 2), status: 'pass' },
    { name: 'stingy', outcomes: Array.from({ length: 1000 }, (_, i) => (i % 3 === 0 ? 2 : 0)), status: 'fail' },
    { name: 'empty', outcomes: [], status: 'inconclusive' },
  ])('$name spins → $status', ({ outcomes, status }) => {
    const check = evaluateRtp(rtpCheck({ spins: { outcomes, paytable }, declaredRtp: 1 }));
    expect(check.status).toBe(status);
    expect(check.statistics).toMatchObject({ sampleSize: outcomes.length, confidence: 0.99 });
  });
});
