import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CleanupRegistry } from '../../core/cleanup/registry.ts';
import { systemClock } from '../../core/clock.ts';
import { silentLogger } from '../../core/logger.ts';
import type { RunContext } from '../../core/run-context.ts';
import type { Environment } from '../../staging/environment.ts';
import { createLocalProvider, type LocalProviderSettings } from '../../staging/local/provider.ts';

export interface TestEnvironment {
  ctx: RunContext;
  env: Environment;
  /** Tears everything down and removes the temp dir; safe to call twice. */
  close(): Promise<void>;
}

/** A real local replica (baseline 1.4.0 in blue, candidate 1.5.0 in green) and a RunContext around it. */
export async function startTestEnvironment(runId: string, replica: LocalProviderSettings['replica'] = {}, instances = 1): Promise<TestEnvironment> {
  const dir = mkdtempSync(join(tmpdir(), `gl-${runId}-`));
  const cleanup = new CleanupRegistry({ runId, stateDir: dir });
  const ctx: RunContext = {
    runId,
    runDir: dir,
    artifactsDir: dir,
    stateDir: dir,
    signal: new AbortController().signal,
    clock: systemClock,
    log: silentLogger,
    cleanup,
    adapters: { fetch },
    release: { candidate: { version: '1.5.0' }, baseline: { version: '1.4.0' } },
    profile: 'test',
    progress: () => {},
    artifact: (p) => p,
  };
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await cleanup.runAll();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const env = await createLocalProvider({ replica: { seedPlayers: 0, ...replica } }).up(ctx, { candidate: '1.5.0', baseline: '1.4.0', instances });
    ctx.env = env;
    return { ctx, env, close };
  } catch (error) {
    await close();
    throw error;
  }
}
