import type { NetworkFaultControls } from '../../staging/local/controls.ts';
import { createLocalProvider } from '../../staging/local/provider.ts';
import { testRunContext } from './run-context.ts';

/** A real local replica (baseline 1.4.0 in blue, candidate 1.5.0 in green) for a test file; `dispose` tears it down. */
export async function startLocalEnv(runId: string, options: { defects?: { green?: string[]; blue?: string[] } } = {}) {
  const harness = testRunContext(runId);
  try {
    harness.ctx.env = await createLocalProvider(options.defects ? { replica: { defects: options.defects } } : {}).up(harness.ctx, { candidate: '1.5.0', baseline: '1.4.0', instances: 2 });
  } catch (error) {
    await harness.dispose();
    throw error;
  }
  const faults = harness.ctx.env.controls['network-faults'] as NetworkFaultControls;
  return { ...harness, faults };
}
