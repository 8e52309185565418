import type { TestOutcome } from '../test-result.ts';
import { birthdaySpacingsTest } from './birthday-spacings.ts';
import { cube3dTest } from './cube-3d.ts';
import { gapTest } from './gap.ts';
import { pokerTest } from './poker.ts';
import { outcomePairsTest, outcomeUniformityTest, type Range } from './scaled-outcomes.ts';
import { serialCorrelationTest } from './serial-correlation.ts';
import { uniformsFromWords } from './uniforms.ts';

/** Output-level tests on 32-bit words, in report order after the NIST tests. */
export const WORD_TEST_IDS = ['cube-3d', 'serial-correlation', 'gap', 'poker', 'birthday-spacings'] as const;
/** Output-level tests on scaled outcomes in a game range. */
export const OUTCOME_TEST_IDS = ['outcome-uniformity', 'outcome-pairs', 'outcome-serial-correlation'] as const;
export type WordTestId = (typeof WORD_TEST_IDS)[number];
export type OutcomeTestId = (typeof OUTCOME_TEST_IDS)[number];

export function runWordTests(words: Uint32Array, include: (id: string) => boolean): { id: WordTestId; outcome: TestOutcome }[] {
  const uniforms = uniformsFromWords(words);
  const tests: Record<WordTestId, () => TestOutcome> = {
    'cube-3d': () => cube3dTest(uniforms),
    'serial-correlation': () => serialCorrelationTest(uniforms),
    gap: () => gapTest(uniforms),
    poker: () => pokerTest(uniforms),
    'birthday-spacings': () => birthdaySpacingsTest(words),
  };
  return WORD_TEST_IDS.filter(include).map((id) => ({ id, outcome: tests[id]() }));
}

export function runOutcomeTests(values: ArrayLike<number>, range: Range, include: (id: string) => boolean): { id: OutcomeTestId; outcome: TestOutcome }[] {
  const tests: Record<OutcomeTestId, () => TestOutcome> = {
    'outcome-uniformity': () => outcomeUniformityTest(values, range),
    'outcome-pairs': () => outcomePairsTest(values, range),
    'outcome-serial-correlation': () => serialCorrelationTest(values),
  };
  return OUTCOME_TEST_IDS.filter(include).map((id) => ({ id, outcome: tests[id]() }));
}
