/**
 * A harness-side parent for tests: `node harness-driver.ts <envup|provider> <stateDir>` brings a local replica
 * up, prints `DRIVER_READY {…}` with every pid and port it knows, and tears down on SIGINT (like the CLI).
 * Tests SIGINT it, or SIGKILL it to prove the replica dies with its parent.
 */
import { CleanupRegistry } from '../../../core/cleanup/registry.ts';
import { systemClock } from '../../../core/clock.ts';
import { silentLogger } from '../../../core/logger.ts';
import type { RunContext } from '../../../core/run-context.ts';
import { envUp } from '../commands.ts';
import { ReplicaAdminClient, type ReplicaState } from '../controls.ts';
import { createLocalProvider, type LocalHttpAccess } from '../provider.ts';
import { testPlatform } from './test-platform.ts';

const [mode, stateDir] = process.argv.slice(2) as [string, string];
const platform = testPlatform();
const controller = new AbortController();
process.on('SIGINT', () => controller.abort(new Error('SIGINT')));

async function report(adminUrl: string, extra: Record<string, unknown>): Promise<void> {
  const state = await new ReplicaAdminClient(adminUrl).call<ReplicaState & { urls: Record<string, unknown> }>('GET', '/state');
  const pids = state.processes.map((p) => p.pid);
  process.stdout.write(`DRIVER_READY ${JSON.stringify({ ...extra, pids, links: state.links.map((l) => l.url) })}\n`);
}

if (mode === 'envup') {
  const result = await envUp({
    releases: [platform.releases[1]],
    instances: 1,
    stateDir,
    platformDir: platform.platformDir,
    releasesDir: platform.releasesDir,
    signal: controller.signal,
    stdout: {
      write: (text: string) => {
        process.stderr.write(text);
        return true;
      },
    },
    replica: { seedPlayers: 2 },
    onReady: (ready) => report(ready.adminUrl, { urls: ready, adminUrl: ready.adminUrl, supervisorPid: ready.pid, postgresPid: ready.postgres.pid }),
  }).catch((error: unknown) => ({ error: String(error) }));
  process.stdout.write(`DRIVER_DONE ${JSON.stringify('error' in result ? result : { leftovers: result.leftovers })}\n`);
} else {
  const cleanup = new CleanupRegistry({ runId: 'driver', stateDir });
  const ctx = {
    runId: 'driver',
    runDir: stateDir,
    artifactsDir: stateDir,
    stateDir,
    signal: controller.signal,
    clock: systemClock,
    log: silentLogger,
    cleanup,
    adapters: { fetch },
    release: { candidate: { version: platform.releases[1] } },
    profile: 'test',
    progress: () => {},
    artifact: (p: string) => p,
  } satisfies RunContext;
  const provider = createLocalProvider({ platformDir: platform.platformDir, releasesDir: platform.releasesDir, replica: { seedPlayers: 2 } });
  const env = await provider.up(ctx, { candidate: platform.releases[1], instances: 1 });
  const http = env.controls.http as LocalHttpAccess;
  await report(http.adminUrl, { urls: env.urls, adminUrl: http.adminUrl, supervisorPid: http.supervisorPid, postgresPid: http.postgresPid });
  await new Promise<void>((resolve) => controller.signal.addEventListener('abort', () => resolve(), { once: true }));
  const result = await cleanup.runAll();
  process.stdout.write(`DRIVER_DONE ${JSON.stringify(result)}\n`);
}
