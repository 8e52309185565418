// Negative controls of shared/reference/rng-payments.md §4.5: every known-bad generator must be flagged.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { runBattery } from './battery.ts';
import { bitsFromBytes, wordsFromBytes } from './bit-sequence.ts';
import { crossInstanceIndependenceTest, restartIndependenceTest } from './independence.ts';
import { aesCtrBytes, javaLcgLowBits, moduloBiasedOutcomes, randuWords, rejectionSampledOutcomes } from './testing/generators.ts';

const statusOf = (result: ReturnType<typeof runBattery>, id: string) => result.tests.find((t) => t.id === id)?.status;

describe('the battery on known-bad generators', () => {
  it('fails RANDU on the 3-D cube test (10^5 triples), which the bit-level tests are not needed for', () => {
    const result = runBattery({ words: randuWords(1, 300_000) });
    expect(statusOf(result, 'cube-3d')).toBe('fail');
    expect(result.tests.find((t) => t.id === 'cube-3d')!.pValues[0]).toBeLessThan(1e-20);
    expect(result.verdict).toBe('fail');
  });

  it('passes the 3-D cube test for a sound generator of the same size', () => {
    const result = runBattery({ words: wordsFromBytes(aesCtrBytes(5, 1_200_000)) }, { only: ['cube-3d'] });
    expect(statusOf(result, 'cube-3d')).toBe('pass');
  });

  it('fails the low bit of a power-of-two-modulus LCG (java.util.Random nextInt() & 1, period 2^17) at 10^6 bits', () => {
    const result = runBattery({ bits: javaLcgLowBits(42n, 1_000_000) });
    expect(result.verdict).toBe('fail');
    for (const id of ['dft', 'approximate-entropy', 'serial']) expect(statusOf(result, id)).toBe('fail');
  });

  it.each([
    { name: 'byte % 37 (roulette 0–36)', range: 37, outcomes: 200_000 },
    { name: 'byte % 22 (a reel of 22 stops)', range: 22, outcomes: 200_000 },
    { name: 'byte % 10 (digits)', range: 10, outcomes: 1_000_000 },
  ])('fails a modulo-biased mapping: $name', ({ range, outcomes }) => {
    const values = moduloBiasedOutcomes(randomBytes(outcomes), range);
    const result = runBattery({ outcomes: { values, range: [0, range - 1] } });
    expect(statusOf(result, 'outcome-uniformity')).toBe('fail');
    expect(result.verdict).toBe('fail');
  });

  it('passes the same mapping done by rejection sampling', () => {
    const values = rejectionSampledOutcomes(aesCtrBytes(11, 220_000), 37);
    const result = runBattery({ outcomes: { values, range: [0, 36] } });
    expect(result.verdict).toBe('pass');
  });

  it('fails a constant-seed restart: every restart replays the same stream', () => {
    const restarts = Array.from({ length: 5 }, () => aesCtrBytes(42, 4096));
    const outcome = restartIndependenceTest(restarts);
    const result = runBattery({ additional: [{ id: 'restart-independence', unit: 'streams', sampleSize: 5, outcome }] });
    expect(statusOf(result, 'restart-independence')).toBe('fail');
    // XOR of two replayed streams is all zeros: the monobit test gives P = 0 on it.
    const xor = restarts[0]!.map((b, i) => b ^ restarts[1]![i]!);
    expect(runBattery({ bits: bitsFromBytes(xor) }, { only: ['frequency'] }).tests[0]!.pValues[0]).toBe(0);
  });

  it('passes restarts that are reseeded from the OS, and fails an instance that replays another shifted by 3 bytes', () => {
    const restarts = Array.from({ length: 5 }, () => new Uint8Array(randomBytes(4096)));
    expect(restartIndependenceTest(restarts)).toMatchObject({ applicable: true, pValues: [1] });
    const a = new Uint8Array(randomBytes(4096));
    const shifted = a.slice(3);
    const outcome = crossInstanceIndependenceTest([[a], [shifted]]);
    expect(outcome.applicable && outcome.pValues[0]).toBeLessThan(1e-30);
  });
});

