import { CleanupRegistry } from '../../../core/cleanup/registry.ts';
import { systemClock } from '../../../core/clock.ts';
import { silentLogger } from '../../../core/logger.ts';
import type { RunContext } from '../../../core/run-context.ts';
import type { Environment } from '../../../staging/environment.ts';

/** A RunContext for a stage under test: real clock and fetch, silent logger, nothing on disk. */
export function testRunContext(env: Environment | undefined, signal: AbortSignal = new AbortController().signal): RunContext {
  return {
    runId: 'test-run',
    runDir: '/nonexistent/run',
    artifactsDir: '/nonexistent/run/payments',
    stateDir: '/nonexistent',
    signal,
    clock: systemClock,
    log: silentLogger,
    cleanup: new CleanupRegistry({ runId: 'test-run' }),
    adapters: { fetch: globalThis.fetch },
    ...(env ? { env } : {}),
    release: { candidate: { version: '1.5.0' } },
    profile: 'test',
    progress: () => {},
    artifact: (path) => path,
  };
}
