import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import type { Environment } from '../../staging/environment.ts';
import { CleanupRegistry } from '../cleanup/registry.ts';
import { systemClock } from '../clock.ts';
import { createLogger } from '../logger.ts';
import type { ReleaseRef, RunContext } from '../run-context.ts';

export interface TestRun {
  ctx: RunContext;
  abort: AbortController;
  /** Artifacts the stage registered, relative to the run directory. */
  artifacts: string[];
  /** Log and progress lines, in order. */
  lines: string[];
  /** Runs every registered cleanup and removes the temp directory; safe to call twice. */
  dispose(): Promise<void>;
}

/**
 * A real RunContext on a throwaway state directory, for driving a stage without the runner: real clock and fetch,
 * a cleanup registry with its lease on disk, captured log lines.
 */
export function createTestRun(options: { runId?: string; stage?: string; env?: Environment; release?: { candidate: ReleaseRef; baseline?: ReleaseRef } } = {}): TestRun {
  const runId = options.runId ?? 'test-run';
  const stateDir = mkdtempSync(join(tmpdir(), `gl-test-${runId}-`));
  const runDir = join(stateDir, 'runs', runId);
  const artifactsDir = join(runDir, 'artifacts', options.stage ?? 'stage');
  mkdirSync(artifactsDir, { recursive: true });
  const abort = new AbortController();
  const cleanup = new CleanupRegistry({ runId, stateDir });
  const artifacts: string[] = [];
  const lines: string[] = [];
  const ctx: RunContext = {
    runId, runDir, artifactsDir, stateDir, signal: abort.signal, clock: systemClock, cleanup,
    log: createLogger((record) => lines.push(record.message)),
    adapters: { fetch: globalThis.fetch },
    ...(options.env ? { env: options.env } : {}),
    release: options.release ?? { candidate: { version: '1.5.0' }, baseline: { version: '1.4.0' } },
    profile: 'test',
    progress: (message) => lines.push(message),
    artifact: (path) => {
      const rel = relative(runDir, path);
      artifacts.push(rel);
      return rel;
    },
  };
  let disposed = false;
  return {
    ctx, abort, artifacts, lines,
    async dispose() {
      if (disposed) return;
      disposed = true;
      await cleanup.runAll();
      rmSync(stateDir, { recursive: true, force: true });
    },
  };
}
