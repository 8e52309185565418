import { describe, expect, it } from 'vitest';
import type { DestructiveChange } from './destructive-sql.ts';
import { evaluateSemver, isMajorBump, isStrictSemver } from './evaluate-semver.ts';
import type { SemverObservation } from './evaluate-semver.ts';

const drop: DestructiveChange = { file: 'V2__drop.sql', statement: 'DROP TABLE bets', kind: 'drop-table' };

function obs(candidate: string, production: string, extra: Partial<SemverObservation> = {}): SemverObservation {
  return { candidate, production: { version: production, source: 'config' }, migrationFiles: [], destructive: [], ...extra };
}

describe('semver checks', () => {
  it.each([
    ['1.5.0', true],
    ['1.5.0-rc.1+build.7', true],
    ['v1.5.0', false],
    ['1.5', false],
    ['01.5.0', false],
    [' 1.5.0', false],
  ])('isStrictSemver(%s) = %s', (v, ok) => expect(isStrictSemver(v)).toBe(ok));

  it.each([
    ['1.4.0', '2.0.0', true],
    ['1.4.0', '2.0.0-rc.1', true],
    ['1.4.0', '1.5.0', false],
    ['0.3.2', '0.4.0', true],
    ['0.3.2', '0.3.3', false],
  ])('isMajorBump(%s → %s) = %s', (from, to, major) => expect(isMajorBump(from, to)).toBe(major));

  it.each<[string, SemverObservation, Record<string, string>]>([
    ['clean minor bump', obs('1.5.0', '1.4.0'), { 'semver.valid': 'pass', 'semver.order': 'pass', 'semver.bump': 'pass' }],
    ['invalid candidate', obs('v1.5.0', '1.4.0'), { 'semver.valid': 'fail', 'semver.order': 'fail', 'semver.bump': 'skipped' }],
    ['same version as production', obs('1.4.0', '1.4.0'), { 'semver.order': 'fail', 'semver.bump': 'skipped' }],
    ['older than production', obs('1.3.9', '1.4.0'), { 'semver.order': 'fail' }],
    ['prerelease of production version', obs('1.4.0-rc.1', '1.4.0'), { 'semver.order': 'fail' }],
    ['destructive migration, minor bump', obs('1.5.0', '1.4.0', { destructive: [drop] }), { 'semver.bump': 'fail' }],
    ['destructive migration, major bump', obs('2.0.0', '1.4.0', { destructive: [drop] }), { 'semver.bump': 'pass' }],
    ['removed route, patch bump', obs('1.4.1', '1.4.0', { removedRoutes: ['GET /api/flags'] }), { 'semver.bump': 'fail' }],
  ])('%s', (_name, observation, expected) => {
    const checks = evaluateSemver(observation);
    for (const [id, status] of Object.entries(expected)) expect(checks.find((c) => c.id === id)?.status, id).toBe(status);
  });

  it('says what the candidate would need', () => {
    const bump = evaluateSemver(obs('1.4.1', '1.4.0', { destructive: [drop] })).find((c) => c.id === 'semver.bump');
    expect(bump?.message).toBe('1.4.0 → 1.4.1 is a patch bump, but the release breaks compatibility and needs a MAJOR bump: drop-table in V2__drop.sql: DROP TABLE bets');
    expect(bump?.blocking).toBe(true);
  });
});
