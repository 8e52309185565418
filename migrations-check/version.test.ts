import { describe, expect, test } from 'vitest';
import { compareVersions, parseVersion } from './version.ts';

describe('parseVersion', () => {
  test.each([
    ['1', '1', [1n]],
    ['1.0', '1.0', [1n]],
    ['1.0.0', '1.0.0', [1n]],
    ['1_1', '1.1', [1n, 1n]],
    ['002', '002', [2n]],
    ['20240829162505', '20240829162505', [20240829162505n]],
    ['1.10', '1.10', [1n, 10n]],
    ['2.0.1', '2.0.1', [2n, 0n, 1n]],
  ])('%s → text %s', (raw, text, parts) => {
    expect(parseVersion(raw)).toEqual({ text, parts });
  });

  test.each(['1.a', 'a', '1..2', '1-2', '', '1.2b'])('rejects %j', (raw) => {
    expect(() => parseVersion(raw)).toThrow(`Version may only contain 0..9 and . (dot). Invalid version: ${raw}`);
  });
});

describe('compareVersions', () => {
  test.each([
    ['1', '1.0', 0],
    ['1', '1.0.0', 0],
    ['1.0', '1_0_0', 0],
    ['002', '2', 0],
    ['1.10', '1.9', 1],
    ['1.9', '1.10', -1],
    ['1.1', '1', 1],
    ['2', '1.99.99', 1],
    ['1.0.1', '1.1', -1],
  ])('%s vs %s → %i', (a, b, expected) => {
    expect(Math.sign(compareVersions(parseVersion(a), parseVersion(b)))).toBe(expected);
  });
});
