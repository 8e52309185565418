import type { Bits } from '../bit-sequence.ts';
import type { TestOutcome } from '../test-result.ts';
import { approximateEntropyTest } from './approximate-entropy.ts';
import { blockFrequencyTest } from './block-frequency.ts';
import { cumulativeSumsTest } from './cumulative-sums.ts';
import { dftTest } from './dft-test.ts';
import { frequencyTest } from './frequency.ts';
import { linearComplexityTest } from './linear-complexity.ts';
import { longestRunTest } from './longest-run.ts';
import { nonOverlappingTemplateTest } from './non-overlapping-template.ts';
import { overlappingTemplateTest } from './overlapping-template.ts';
import { randomExcursionsTest, randomExcursionsVariantTest } from './random-excursions.ts';
import { rankTest } from './rank.ts';
import { runsTest } from './runs.ts';
import { serialTest } from './serial.ts';
import { universalTest } from './universal.ts';

/** The stable ids of the 15 SP 800-22 tests, in report order. */
export const NIST_TEST_IDS = [
  'frequency',
  'block-frequency',
  'cumulative-sums',
  'runs',
  'longest-run',
  'rank',
  'dft',
  'non-overlapping-template',
  'overlapping-template',
  'universal',
  'approximate-entropy',
  'random-excursions',
  'random-excursions-variant',
  'serial',
  'linear-complexity',
] as const;
export type NistTestId = (typeof NIST_TEST_IDS)[number];

/** Each test with STS 2.1.2's default parameters. */
export const NIST_TESTS: Record<NistTestId, (bits: Bits) => TestOutcome> = {
  frequency: (bits) => frequencyTest(bits),
  'block-frequency': (bits) => blockFrequencyTest(bits),
  'cumulative-sums': (bits) => cumulativeSumsTest(bits),
  runs: (bits) => runsTest(bits),
  'longest-run': (bits) => longestRunTest(bits),
  rank: (bits) => rankTest(bits),
  dft: (bits) => dftTest(bits),
  'non-overlapping-template': (bits) => nonOverlappingTemplateTest(bits),
  'overlapping-template': (bits) => overlappingTemplateTest(bits),
  universal: (bits) => universalTest(bits),
  'approximate-entropy': (bits) => approximateEntropyTest(bits),
  'random-excursions': (bits) => randomExcursionsTest(bits),
  'random-excursions-variant': (bits) => randomExcursionsVariantTest(bits),
  serial: (bits) => serialTest(bits),
  'linear-complexity': (bits) => linearComplexityTest(bits),
};
