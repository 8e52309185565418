// Test helper: a stand-in harness that injects one fault through the local injector, prints it, and hangs until killed.
// Usage: node chaos/testing/inject-and-hang.ts <adminUrl> <stateDir> <runId> <ttlMs>
import { CleanupRegistry } from '../../core/cleanup/registry.ts';
import { systemClock } from '../../core/clock.ts';
import { silentLogger } from '../../core/logger.ts';
import type { RunContext } from '../../core/run-context.ts';
import { networkFaultControls, processFaultControls, ReplicaAdminClient } from '../../staging/local/controls.ts';
import { localInjector } from '../local/injector.ts';
import { faultSchema } from '../model/fault.ts';

const [adminUrl = '', stateDir = '', runId = '', ttl = '1000'] = process.argv.slice(2);
const admin = new ReplicaAdminClient(adminUrl);
const ctx: RunContext = {
  runId,
  runDir: stateDir,
  artifactsDir: stateDir,
  stateDir,
  signal: new AbortController().signal,
  clock: systemClock,
  log: silentLogger,
  cleanup: new CleanupRegistry({ runId, stateDir }),
  adapters: { fetch },
  env: {
    provider: 'local',
    urls: { edge: '' },
    capabilities: new Set(['network-faults', 'process-faults']),
    releases: {},
    controls: { http: { adminUrl }, 'network-faults': networkFaultControls(admin), 'process-faults': processFaultControls(admin) },
  },
  release: { candidate: { version: '1.5.0' } },
  profile: 'test',
  progress: () => {},
  artifact: (p) => p,
};
const injection = await localInjector(ctx).inject(faultSchema.parse({ kind: 'network-partition', link: 'api->psp', durationMs: Number(ttl) }));
process.stdout.write(`INJECTED ${injection.id}\n`);
setInterval(() => {}, 60_000);
