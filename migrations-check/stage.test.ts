import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { CleanupRegistry } from '../core/cleanup/registry.ts';
import { systemClock } from '../core/clock.ts';
import { silentLogger } from '../core/logger.ts';
import type { RunContext } from '../core/run-context.ts';
import type { Finding, MigrationsCheckReport } from './check.ts';
import { evaluateMigrations, migrationsConfigSchema, migrationsStage } from './stage.ts';

const config = migrationsConfigSchema.parse({ dir: 'migrations' });
const finding = (rule: string, severity: 'error' | 'warning' = 'error'): Finding => ({ rule, severity, file: 'V2__x.sql', line: 3, message: 'm', reason: 'r', safeAlternative: 's' });
const report = (overrides: Partial<MigrationsCheckReport> = {}): MigrationsCheckReport => ({
  location: '/m', files: [], findings: [], source: 'staging',
  dryRun: { clone: 'c', success: true, initialVersion: '1', finalVersion: '2', applied: [], notes: [] },
  ...overrides,
});
const statuses = (r: MigrationsCheckReport, c = config) => Object.fromEntries(evaluateMigrations(c, { report: r }).map((x) => [x.id.replace('migrations:', ''), x.status]));

describe('evaluateMigrations', () => {
  test.each([
    ['clean run', report(), { files: 'pass', history: 'pass', 'dry-run': 'pass', 'previous-release': 'skipped', 'flyway-cli': 'skipped', lint: 'pass' }],
    ['lint error', report({ findings: [finding('require-lock-timeout')] }), { lint: 'fail' }],
    ['lint warning only', report({ findings: [finding('ban-drop-column', 'warning')] }), { lint: 'warn' }],
    ['dry run failed', report({ findings: [finding('dry-run-failed')] }), { 'dry-run': 'fail', lint: 'pass' }],
    ['rewrite under lock', report({ findings: [finding('table-rewrite')] }), { 'dry-run': 'fail' }],
    ['drift', report({ findings: [finding('history-drift')] }), { history: 'fail' }],
    ['N-1 broken', report({ findings: [finding('previous-release-schema')] }), { 'previous-release': 'fail' }],
    ['bad files, no dry run', report({ dryRun: undefined, findings: [finding('migration-file')] }), { files: 'fail', 'dry-run': 'inconclusive' }],
    ['could not run', report({ dryRun: undefined, error: 'clone refused' }), { files: 'inconclusive', lint: 'inconclusive', 'dry-run': 'inconclusive', 'flyway-cli': 'inconclusive' }],
  ])('%s', (_, r, expected) => {
    expect(statuses(r)).toMatchObject(expected);
  });

  test('failed checks name file, line and rule; inconclusive ones are blocking', () => {
    const [files] = evaluateMigrations(config, { report: report({ findings: [finding('migration-file')] }) });
    expect(files).toMatchObject({ status: 'fail', blocking: true, observed: 1, threshold: 'count<1', message: 'V2__x.sql:3 [migration-file] m' });
    expect(evaluateMigrations(config, { report: report({ error: 'x' }) }).every((c) => c.blocking && c.reason === 'harness_error')).toBe(true);
  });
});

test('config errors name the path', () => {
  const result = migrationsConfigSchema.safeParse({ dir: '', flyway: 'maybe', extra: 1 });
  expect(result.success).toBe(false);
  expect(result.error?.issues.map((i) => i.path.join('.') || i.code)).toEqual(expect.arrayContaining(['dir', 'flyway', 'unrecognized_keys']));
});

test('the stage runs end to end on an embedded database and leaves nothing registered', async () => {
  const cleanup = new CleanupRegistry({ runId: 'stage-test' });
  const ctx = {
    runId: 'stage-test', runDir: '/tmp', artifactsDir: '/tmp', stateDir: '/tmp', signal: new AbortController().signal,
    clock: systemClock, log: silentLogger, cleanup, adapters: { fetch }, release: { candidate: { version: '1.5.0' } }, profile: 'test',
    progress: () => {}, artifact: (p: string) => p,
  } satisfies RunContext;
  const stageConfig = migrationsConfigSchema.parse({ dir: join(import.meta.dirname, 'testdata', 'release'), releasedVersion: '1.1', flyway: 'off', previousRelease: { tables: { player: ['id', 'email'] } } });
  expect(migrationsStage.plan(stageConfig).length).toBeGreaterThan(3);
  const observation = await migrationsStage.run(ctx, stageConfig);
  const checks = migrationsStage.evaluate(stageConfig, observation);
  expect(Object.fromEntries(checks.map((c) => [c.id, c.status]))).toEqual({
    'migrations:files': 'pass', 'migrations:history': 'pass', 'migrations:dry-run': 'pass', 'migrations:previous-release': 'pass', 'migrations:flyway-cli': 'skipped', 'migrations:lint': 'pass',
  });
  expect(observation.summary?.files).toHaveLength(6);
  expect(cleanup.size).toBe(0);
}, 30_000);
