import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { CleanupRegistry } from '../../core/cleanup/registry.ts';
import { systemClock } from '../../core/clock.ts';
import { createLogger } from '../../core/logger.ts';
import type { RunContext } from '../../core/run-context.ts';
import type { Capability, Environment } from '../../staging/environment.ts';

/** A RunContext over a temp run directory, for stage tests; `dispose` removes the directory. */
export function testRunContext(env?: { edge: string; controls?: Partial<Record<Capability, unknown>> }): RunContext & { dispose(): void; lines: string[] } {
  const runDir = mkdtempSync(join(tmpdir(), 'greenlight-load-'));
  const lines: string[] = [];
  const environment: Environment | undefined = env && {
    provider: 'test',
    urls: { edge: env.edge },
    capabilities: new Set<Capability>(['http', ...(Object.keys(env.controls ?? {}) as Capability[])]),
    releases: {},
    controls: env.controls ?? {},
  };
  return {
    runId: 'test-run',
    runDir,
    artifactsDir: runDir,
    stateDir: runDir,
    signal: new AbortController().signal,
    clock: systemClock,
    log: createLogger((record) => lines.push(record.message)),
    cleanup: new CleanupRegistry({ runId: 'test-run' }),
    adapters: { fetch: globalThis.fetch },
    ...(environment ? { env: environment } : {}),
    release: { candidate: { version: '1.5.0' } },
    profile: 'test',
    progress: (message) => lines.push(message),
    artifact: (path) => relative(runDir, path),
    lines,
    dispose: () => rmSync(runDir, { recursive: true, force: true }),
  };
}
