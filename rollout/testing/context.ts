import type { RunContext } from '../../core/run-context.ts';
import { createTestRun } from '../../core/testing/run-context.ts';
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
  const { ctx, dispose: close } = createTestRun({ runId, stage: 'rollout' });
  try {
    const env = await createLocalProvider({ replica: { seedPlayers: 0, ...replica } }).up(ctx, { candidate: '1.5.0', baseline: '1.4.0', instances });
    ctx.env = env;
    return { ctx, env, close };
  } catch (error) {
    await close();
    throw error;
  }
}
