import { z } from 'zod';

/** Links of the local replica (and the Kubernetes services they map to). */
export const LINKS = ['api->postgres', 'api->rng', 'api->psp', 'psp->webhooks'] as const;
const linkSchema = z.string().regex(/^(api->(postgres|rng|psp)|psp->webhooks|edge->api-(blue|green|canary)-\d+)$/, 'a link such as api->postgres, api->rng, api->psp, psp->webhooks or edge->api-green-1');

const instanceSchema = z.string().regex(/^(api-(blue|green|canary)-\d+|rng-\d+|psp|edge)$/, 'an instance id such as api-green-1, rng-1, psp');

const timing = {
  /** When the fault starts, from the start of the method. */
  afterMs: z.number().int().min(0).default(0),
  /** How long it lasts; also its TTL, which the injector enforces even if the harness dies. */
  durationMs: z.number().int().min(100).max(3_600_000),
};

/** One fault of an experiment's method. Network faults act on a named link; process faults on an instance. */
export const faultSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('network-delay'), link: linkSchema, latencyMs: z.number().int().min(1).max(60_000), jitterMs: z.number().int().min(0).max(60_000).default(0), ...timing }),
  /** Loss of packets. The local replica's fault points drop everything (100 %); Chaos Mesh honours `percent`. */
  z.object({ kind: z.literal('network-loss'), link: linkSchema, percent: z.number().min(1).max(100).default(100), ...timing }),
  z.object({ kind: z.literal('network-reset'), link: linkSchema, ...timing }),
  z.object({ kind: z.literal('network-partition'), link: linkSchema, ...timing }),
  z.object({ kind: z.literal('network-bandwidth'), link: linkSchema, bytesPerSecond: z.number().int().min(64), ...timing }),
  /** SIGKILL; the instance is restarted after `durationMs` (a one-shot kill in Chaos Mesh, where Kubernetes restarts it). */
  z.object({ kind: z.literal('instance-kill'), instance: instanceSchema, ...timing }),
  z.object({ kind: z.literal('instance-pause'), instance: instanceSchema, ...timing }),
  z.object({ kind: z.literal('instance-restart'), instance: instanceSchema, ...timing }),
  /** CPU pressure on an instance (StressChaos on Kubernetes; the local replica has no such fault point). */
  z.object({ kind: z.literal('cpu-stress'), instance: instanceSchema, workers: z.number().int().min(1).max(64).default(1), loadPercent: z.number().int().min(1).max(100).default(80), ...timing }),
  /** A dependency unreachable from the api: a partition of its link. */
  z.object({ kind: z.literal('dependency-outage'), dependency: z.enum(['rng', 'psp', 'database']), ...timing }),
]);

export type Fault = z.output<typeof faultSchema>;
export type FaultInput = z.input<typeof faultSchema>;
export type FaultKind = Fault['kind'];

const DEPENDENCY_LINKS = { rng: 'api->rng', psp: 'api->psp', database: 'api->postgres' } as const;

export function dependencyLink(dependency: keyof typeof DEPENDENCY_LINKS): string {
  return DEPENDENCY_LINKS[dependency];
}

/** One line naming the fault, for plans and reports. */
export function describeFault(fault: Fault): string {
  const when = `${fault.durationMs} ms${fault.afterMs > 0 ? ` after ${fault.afterMs} ms` : ''}`;
  switch (fault.kind) {
    case 'network-delay':
      return `delay ${fault.latencyMs} ms ± ${fault.jitterMs} ms on ${fault.link} for ${when}`;
    case 'network-loss':
      return `${fault.percent} % loss on ${fault.link} for ${when}`;
    case 'network-reset':
      return `connection resets on ${fault.link} for ${when}`;
    case 'network-partition':
      return `partition of ${fault.link} for ${when}`;
    case 'network-bandwidth':
      return `bandwidth ${fault.bytesPerSecond} B/s on ${fault.link} for ${when}`;
    case 'instance-kill':
      return `kill ${fault.instance}, restart after ${when}`;
    case 'instance-pause':
      return `pause ${fault.instance} for ${when}`;
    case 'instance-restart':
      return `restart ${fault.instance} (${when} window)`;
    case 'cpu-stress':
      return `${fault.workers} CPU worker(s) at ${fault.loadPercent} % on ${fault.instance} for ${when}`;
    case 'dependency-outage':
      return `${fault.dependency} outage for ${when}`;
  }
}
