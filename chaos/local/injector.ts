import type { Reapable } from '../../core/cleanup/resources.ts';
import type { RunContext } from '../../core/run-context.ts';
import type { NetworkFaultControls, ProcessFaultControls } from '../../staging/local/controls.ts';
import type { FaultRequest } from '../../staging/local/faults.ts';
import type { LocalHttpAccess } from '../../staging/local/provider.ts';
import { dependencyLink, describeFault, type Fault } from '../model/fault.ts';

/** A fault in place. `remove` is its rollback: idempotent, and also registered in ctx.cleanup. */
export interface ActiveInjection {
  fault: Fault;
  description: string;
  /** The backend's id of the fault, when it has one. */
  id?: string;
  remove(): Promise<void>;
}

/** Which experiment a fault belongs to, and its position in the method (names and labels on the backend). */
export interface FaultPlace {
  experiment: string;
  index: number;
}

export interface FaultInjector {
  inject(fault: Fault, where?: FaultPlace): Promise<ActiveInjection>;
}

/** The local fault point request for a network fault, or undefined for process faults. */
export function localFaultRequest(fault: Fault): FaultRequest | undefined {
  const ttlMs = fault.durationMs;
  switch (fault.kind) {
    case 'network-delay':
      return { link: fault.link, kind: 'delay', params: { ms: fault.latencyMs, jitterMs: fault.jitterMs }, ttlMs };
    case 'network-loss':
      return { link: fault.link, kind: 'drop', params: {}, ttlMs };
    case 'network-reset':
      return { link: fault.link, kind: 'reset', params: {}, ttlMs };
    case 'network-partition':
      return { link: fault.link, kind: 'partition', params: {}, ttlMs };
    case 'network-bandwidth':
      return { link: fault.link, kind: 'bandwidth', params: { bytesPerSecond: fault.bytesPerSecond }, ttlMs };
    case 'dependency-outage':
      return { link: dependencyLink(fault.dependency), kind: 'partition', params: {}, ttlMs };
    default:
      return undefined;
  }
}

async function send(fetchImpl: typeof fetch, method: 'DELETE' | 'POST', url: string, okStatuses: number[]): Promise<void> {
  const response = await fetchImpl(url, { method, signal: AbortSignal.timeout(30_000) });
  await response.body?.cancel();
  if (!response.ok && !okStatuses.includes(response.status)) throw new Error(`${method} ${url} answered ${response.status}`);
}

/**
 * Drives the local replica's fault points and processes. Network faults carry their duration as a TTL that the
 * replica's supervisor enforces, so they end even if this process is SIGKILLed. Each fault registers its removal
 * in ctx.cleanup at creation, as an HTTP call `greenlight cleanup` can replay.
 */
export function localInjector(ctx: RunContext): FaultInjector {
  const env = ctx.env;
  const http = env?.controls.http as LocalHttpAccess | undefined;
  const network = env?.controls['network-faults'] as NetworkFaultControls | undefined;
  const processes = env?.controls['process-faults'] as ProcessFaultControls | undefined;
  if (!http?.adminUrl || !network || !processes) throw new Error('the environment has no local fault controls (network-faults, process-faults, admin URL)');
  const fetchImpl = ctx.adapters.fetch;
  const adminUrl = http.adminUrl;

  const registered = (fault: Fault, label: string, undo: () => Promise<void>, resource: Reapable, id?: string): ActiveInjection => {
    const handle = ctx.cleanup.register(label, undo, resource);
    let removed = false;
    // Not handle.run(): that swallows failures, and a failed rollback must show. On failure the entry stays for cleanup.
    const remove = async () => {
      if (removed) return;
      await undo();
      removed = true;
      handle.release();
    };
    return { fault, id, description: describeFault(fault), remove };
  };

  return {
    async inject(fault) {
      const request = localFaultRequest(fault);
      if (request) {
        const active = await network.inject(request);
        const url = `${adminUrl}/faults/${encodeURIComponent(active.id)}`;
        // 404: the supervisor already ended it (its TTL passed).
        return registered(fault, `chaos fault ${active.id} (${request.kind} on ${request.link})`, () => send(fetchImpl, 'DELETE', url, [404]), { type: 'http', method: 'DELETE', url }, active.id);
      }
      const instance = 'instance' in fault ? fault.instance : '';
      const instanceUrl = (action: string) => `${adminUrl}/instances/${encodeURIComponent(instance)}/${action}`;
      switch (fault.kind) {
        case 'instance-kill': {
          const url = instanceUrl('restart');
          const injection = registered(fault, `restart of killed ${instance}`, () => send(fetchImpl, 'POST', url, []), { type: 'http', method: 'POST', url });
          await processes.kill(instance, fault.durationMs);
          return injection;
        }
        case 'instance-pause': {
          const url = instanceUrl('resume');
          const injection = registered(fault, `resume of paused ${instance}`, () => send(fetchImpl, 'POST', url, []), { type: 'http', method: 'POST', url });
          await processes.pause(instance, fault.durationMs);
          return injection;
        }
        case 'instance-restart':
          await processes.restart(instance);
          return { fault, description: describeFault(fault), remove: async () => {} };
        default:
          throw new Error(`fault kind ${fault.kind} has no local injector`);
      }
    },
  };
}
