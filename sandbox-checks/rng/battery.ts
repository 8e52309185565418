import type { Bits } from './bit-sequence.ts';
import { DEFAULT_CONFIDENCE } from './confidence.ts';
import { adjustPValues, CORRECTION_NAMES, type Correction } from './correction.ts';
import { NIST_TEST_IDS, NIST_TESTS } from './nist/nist-suite.ts';
import { OUTCOME_TEST_IDS, runOutcomeTests, runWordTests, WORD_TEST_IDS } from './output/output-suite.ts';
import type { Range } from './output/scaled-outcomes.ts';
import { notApplicable, type TestOutcome, type TestParams } from './test-result.ts';

export type TestStatus = 'pass' | 'fail' | 'not-applicable';

/** One entry of the battery report; `id` is stable (the `--json` contract). */
export interface BatteryTestResult {
  id: string;
  status: TestStatus;
  /** What the test counted its sample in: bits, words, outcomes or streams. */
  unit: 'bits' | 'words' | 'outcomes' | 'streams';
  sampleSize: number;
  params: TestParams;
  pValues: number[];
  /**
   * The test's P-value after the battery-wide correction: Bonferroni over the test's own P-values (k·min p), then
   * the battery correction across tests. Null when not applicable.
   */
  adjustedPValue: number | null;
  statistics?: TestParams;
  /** Why the test is not applicable. */
  reason?: string;
}

export interface BatteryResult {
  confidence: number;
  alpha: number;
  correction: Correction;
  correctionName: string;
  /** How many P-values the applicable tests produced. */
  pValueCount: number;
  /** How many tests the correction covered (the family size). */
  familySize: number;
  sampleSize: { bits: number; words: number; outcomes: number };
  tests: BatteryTestResult[];
  /** `inconclusive` when no test was applicable: no data is never a pass. */
  verdict: 'pass' | 'fail' | 'inconclusive';
  failed: string[];
}

export interface BatteryInput {
  /** Raw bits for the SP 800-22 tests. */
  bits?: Bits;
  /** Raw 32-bit words for the output-level tests. */
  words?: Uint32Array;
  /** Scaled outcomes of a game and their range, e.g. roulette [0, 36]. */
  outcomes?: { values: ArrayLike<number>; range: Range };
  /** Outcomes of tests run elsewhere (restart / cross-instance independence), judged with the rest. */
  additional?: { id: string; unit: BatteryTestResult['unit']; sampleSize: number; outcome: TestOutcome }[];
}

export interface BatteryConfig {
  /** Default 0.99; α = 1 − confidence. */
  confidence?: number;
  /** Default Holm–Bonferroni. */
  correction?: Correction;
  /** Run only these test ids (all by default). */
  only?: readonly string[];
  /** List tests whose kind of input was not given as not applicable, so reports always have every id. */
  listAbsent?: boolean;
}

interface Pending {
  id: string;
  unit: BatteryTestResult['unit'];
  sampleSize: number;
  outcome: TestOutcome;
}

/** Runs every applicable test on the input, corrects for multiple testing across the battery and judges each at α. */
export function runBattery(input: BatteryInput, config: BatteryConfig = {}): BatteryResult {
  const confidence = config.confidence ?? DEFAULT_CONFIDENCE;
  const correction = config.correction ?? 'holm';
  const include = (id: string) => !config.only || config.only.includes(id);
  const pending: Pending[] = [];
  const absent = (ids: readonly string[], unit: Pending['unit'], reason: string) => {
    if (config.listAbsent) for (const id of ids.filter(include)) pending.push({ id, unit, sampleSize: 0, outcome: notApplicable({}, reason) });
  };
  if (input.bits) {
    const bits = input.bits;
    for (const id of NIST_TEST_IDS.filter(include)) pending.push({ id, unit: 'bits', sampleSize: bits.length, outcome: NIST_TESTS[id](bits) });
  } else absent(NIST_TEST_IDS, 'bits', 'no raw bits in this input (scaled outcomes carry no raw bits)');
  if (input.words) {
    for (const { id, outcome } of runWordTests(input.words, include)) pending.push({ id, unit: 'words', sampleSize: input.words.length, outcome });
  } else absent(WORD_TEST_IDS, 'words', 'no raw 32-bit words in this input');
  if (input.outcomes) {
    const { values, range } = input.outcomes;
    for (const { id, outcome } of runOutcomeTests(values, range, include)) pending.push({ id, unit: 'outcomes', sampleSize: values.length, outcome });
  } else absent(OUTCOME_TEST_IDS, 'outcomes', 'no scaled outcomes in this input (give ints with a range)');
  pending.push(...(input.additional ?? []).filter((entry) => include(entry.id)));
  return judgeBattery(pending, confidence, correction, {
    bits: input.bits?.length ?? 0,
    words: input.words?.length ?? 0,
    outcomes: input.outcomes?.values.length ?? 0,
  });
}

/**
 * Each test first becomes one P-value, k·min p over its k P-values (Bonferroni), so a test with 148 templates weighs
 * as much as a test with one; the battery correction then runs across tests. Both steps keep the family-wise error
 * rate at α, and a test whose P-values are heavy-tailed at small n (non-overlapping templates) cannot dominate it.
 */
function judgeBattery(pending: Pending[], confidence: number, correction: Correction, sampleSize: BatteryResult['sampleSize']): BatteryResult {
  const alpha = Number((1 - confidence).toPrecision(12));
  const applicableEntries = pending.filter((entry) => entry.outcome.applicable);
  const testLevel = applicableEntries.map(({ outcome }) => {
    const pValues = outcome.applicable ? outcome.pValues : [];
    // NaN never passes: a broken computation must end as a failure, not slip through Math.min.
    if (pValues.length === 0 || pValues.some((p) => Number.isNaN(p))) return 0;
    return Math.min(1, pValues.length * Math.min(...pValues));
  });
  const adjustedTestLevel = adjustPValues(testLevel, correction);
  const adjusted = new Map(applicableEntries.map((entry, i) => [entry, adjustedTestLevel[i]!]));
  const tests = pending.map((entry): BatteryTestResult => {
    const { id, unit, sampleSize: size, outcome } = entry;
    if (!outcome.applicable) {
      return { id, status: 'not-applicable', unit, sampleSize: size, params: outcome.params, pValues: [], adjustedPValue: null, reason: outcome.reason };
    }
    const adjustedPValue = adjusted.get(entry)!;
    return {
      id,
      status: adjustedPValue >= alpha ? 'pass' : 'fail',
      unit,
      sampleSize: size,
      params: outcome.params,
      pValues: outcome.pValues,
      adjustedPValue,
      ...(outcome.statistics ? { statistics: outcome.statistics } : {}),
    };
  });
  const failed = tests.filter((t) => t.status === 'fail').map((t) => t.id);
  const anyApplicable = tests.some((t) => t.status !== 'not-applicable');
  return {
    confidence,
    alpha,
    correction,
    correctionName: CORRECTION_NAMES[correction],
    pValueCount: applicableEntries.reduce((n, entry) => n + (entry.outcome.applicable ? entry.outcome.pValues.length : 0), 0),
    familySize: applicableEntries.length,
    sampleSize,
    tests,
    verdict: failed.length > 0 ? 'fail' : anyApplicable ? 'pass' : 'inconclusive',
    failed,
  };
}
