import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CleanupRegistry } from '../core/cleanup/registry.ts';
import { silentLogger } from '../core/logger.ts';
import type { RunContext } from '../core/run-context.ts';
import { releaseChecksStage } from './index.ts';

const DATA = join(import.meta.dirname, 'testdata');

let stateDir: string;
beforeEach(() => {
  stateDir = mkdtempSync(join(tmpdir(), 'greenlight-release-stage-'));
});
afterEach(() => rmSync(stateDir, { recursive: true, force: true }));

function context(nowMs: number): RunContext {
  return {
    runId: 'test-run',
    runDir: join(stateDir, 'runs', 'test-run'),
    artifactsDir: join(stateDir, 'runs', 'test-run', 'release'),
    stateDir,
    signal: new AbortController().signal,
    clock: { now: () => nowMs, monotonic: () => 0, sleep: async () => {} },
    log: silentLogger,
    cleanup: new CleanupRegistry({ runId: 'test-run' }),
    adapters: { fetch: globalThis.fetch },
    release: { candidate: { version: '1.5.0' } },
    profile: 'ci',
    progress: () => {},
    artifact: (p) => p,
  };
}

describe('releaseChecksStage', () => {
  it('validates, plans, observes through the run context and judges', async () => {
    const config = releaseChecksStage.configSchema.parse({
      baseDir: DATA,
      candidate: 'manifests/1.5.0.json',
      production: { version: '1.4.0' },
      sla: { promotionLeadTimeHours: 4 },
    });
    expect(releaseChecksStage.id).toBe('release');
    expect(releaseChecksStage.describe(config)).toBe('release checks for manifests/1.5.0.json');
    expect(releaseChecksStage.plan(config).map((s) => s.title)).toContain('Security-patch SLA: P1 promoted within 24 h of disclosure');

    const observation = await releaseChecksStage.run(context(Date.parse('2026-11-27T06:00:00Z')), config);
    expect(observation.summary.observedAt).toBe('2026-11-27T06:00:00.000Z');
    const checks = releaseChecksStage.evaluate(config, observation);
    expect(checks.find((c) => c.id === 'sla.security-patch')).toMatchObject({ status: 'fail', observed: 22 });
    expect(checks.find((c) => c.id === 'flags.new-default-off')?.status).toBe('skipped');
    expect(checks.every((c) => c.evidence.length === 0 && typeof c.message === 'string' && c.message.length > 0)).toBe(true);
  });

  it('rejects a config without a production version, naming the path', () => {
    const result = releaseChecksStage.configSchema.safeParse({ candidate: 'c.json', production: {}, scans: { files: [] } });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual(['production', 'scans.files']);
  });
});
