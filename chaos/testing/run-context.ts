import type { RunContext } from '../../core/run-context.ts';
import { createTestRun } from '../../core/testing/run-context.ts';

/** A RunContext on a throwaway state dir for tests; `dispose` runs every cleanup and removes the dir. */
export function testRunContext(runId: string): { ctx: RunContext; abort: AbortController; dispose(): Promise<void> } {
  const { ctx, abort, dispose } = createTestRun({ runId, stage: 'chaos' });
  return { ctx, abort, dispose };
}
