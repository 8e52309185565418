import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CleanupRegistry } from '../../core/cleanup/registry.ts';
import { systemClock } from '../../core/clock.ts';
import { silentLogger } from '../../core/logger.ts';
import type { RunContext } from '../../core/run-context.ts';

/** A RunContext on a throwaway state dir for tests; `dispose` runs every cleanup and removes the dir. */
export function testRunContext(runId: string): { ctx: RunContext; abort: AbortController; dispose(): Promise<void> } {
  const stateDir = mkdtempSync(join(tmpdir(), `gl-chaos-${runId}-`));
  const abort = new AbortController();
  const cleanup = new CleanupRegistry({ runId, stateDir });
  const ctx: RunContext = {
    runId,
    runDir: stateDir,
    artifactsDir: stateDir,
    stateDir,
    signal: abort.signal,
    clock: systemClock,
    log: silentLogger,
    cleanup,
    adapters: { fetch },
    release: { candidate: { version: '1.5.0' }, baseline: { version: '1.4.0' } },
    profile: 'test',
    progress: () => {},
    artifact: (p) => p,
  };
  return {
    ctx,
    abort,
    async dispose() {
      await cleanup.runAll();
      rmSync(stateDir, { recursive: true, force: true });
    },
  };
}
