import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CleanupRegistry } from '../../../core/cleanup/registry.ts';
import { systemClock } from '../../../core/clock.ts';
import { silentLogger } from '../../../core/logger.ts';
import type { RunContext } from '../../../core/run-context.ts';

/** A RunContext for provider tests, with a real cleanup registry and a temp run dir; `dispose` removes it. */
export function testContext(runId = 'kube-test-run'): { ctx: RunContext; dispose(): void } {
  const runDir = mkdtempSync(join(tmpdir(), 'greenlight-kube-'));
  const controller = new AbortController();
  const ctx: RunContext = {
    runId,
    runDir,
    artifactsDir: runDir,
    stateDir: runDir,
    signal: controller.signal,
    clock: systemClock,
    log: silentLogger,
    cleanup: new CleanupRegistry({ runId }),
    adapters: { fetch: globalThis.fetch },
    release: { candidate: { version: '1.5.0' } },
    profile: 'test',
    progress: () => {},
    artifact: (path) => path,
  };
  return { ctx, dispose: () => (controller.abort(), rmSync(runDir, { recursive: true, force: true })) };
}
