import { describe, expect, it } from 'vitest';
import { deepMerge } from './deep-merge.ts';

describe('deepMerge', () => {
  it.each([
    { base: { a: { b: 1, c: 2 } }, over: { a: { c: 3 } }, expected: { a: { b: 1, c: 3 } } },
    { base: { a: [1, 2] }, over: { a: [3] }, expected: { a: [3] } },
    { base: { a: { b: 1 } }, over: { a: 'x' }, expected: { a: 'x' } },
    { base: {}, over: { a: { b: 1 } }, expected: { a: { b: 1 } } },
  ])('merges $over over $base', ({ base, over, expected }) => {
    expect(deepMerge(base, over)).toEqual(expected);
  });
});
