import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { CleanupRegistry } from '../../core/cleanup/registry.ts';
import { systemClock } from '../../core/clock.ts';
import { silentLogger } from '../../core/logger.ts';
import type { RunContext } from '../../core/run-context.ts';
import { newRunId } from '../../core/run-id.ts';

/** A real RunContext on a throwaway run directory, for driving the stage without the runner. */
export function testContext(options: { signal?: AbortSignal } = {}): { ctx: RunContext; artifacts: string[]; dispose(): Promise<void> } {
  const root = mkdtempSync(join(tmpdir(), 'greenlight-smoke-test-'));
  const runId = newRunId();
  const runDir = join(root, 'runs', runId);
  const artifactsDir = join(runDir, 'artifacts', 'smoke');
  mkdirSync(artifactsDir, { recursive: true });
  const artifacts: string[] = [];
  const cleanup = new CleanupRegistry({ runId, stateDir: root });
  const ctx: RunContext = {
    runId, runDir, artifactsDir, stateDir: root, signal: options.signal ?? new AbortController().signal,
    clock: systemClock, log: silentLogger, cleanup, adapters: { fetch: globalThis.fetch },
    release: { candidate: { version: 'test' } }, profile: 'test',
    progress: () => {},
    artifact: (path) => {
      const rel = relative(runDir, path);
      artifacts.push(rel);
      return rel;
    },
  };
  return {
    ctx,
    artifacts,
    dispose: async () => {
      await cleanup.runAll();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/** Processes whose command line carries `--<marker>` (the browsers of one run). */
export function processesWithArg(arg: string): number[] {
  const found: number[] = [];
  for (const entry of readdirSafe('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const argv = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (argv.includes(arg)) found.push(Number(entry));
    } catch {
      // The process exited while we looked.
    }
  }
  return found;
}

function readdirSafe(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
