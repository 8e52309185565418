import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { runBattery } from './battery.ts';
import { bitsFromBytes, wordsFromBytes } from './bit-sequence.ts';

// The battery's stated false-alarm rate is α = 1 − confidence = 1 %. Measured on 1000 crypto.randomBytes sequences of
// 10^5 bits: 12 failed (1.2 %, 95 % interval 0.6–2.1 %). 40 sequences with at most 4 failures: a real rate of 1.2 %
// breaks this bound with probability 1.2·10⁻⁴; a rate of 20 % would pass it with probability 0.08.
describe('false-alarm rate on crypto.randomBytes', () => {
  it('at most 4 of 40 sequences of 10^5 bits fail the battery', () => {
    const verdicts = Array.from({ length: 40 }, () => {
      const bytes = new Uint8Array(randomBytes(12_500));
      return runBattery({ bits: bitsFromBytes(bytes), words: wordsFromBytes(bytes) }).verdict;
    });
    expect(verdicts.filter((v) => v === 'fail').length).toBeLessThanOrEqual(4);
    expect(verdicts).not.toContain('inconclusive');
  });
});
