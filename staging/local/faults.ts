import { z } from 'zod';

/** One fault on a link, as the admin API accepts it. Every fault has a TTL enforced by the fault point. */
export const faultSpecSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('delay'), params: z.object({ ms: z.number().int().min(0).max(60_000), jitterMs: z.number().int().min(0).max(60_000).default(0) }) }),
  z.object({ kind: z.literal('drop'), params: z.object({}).default({}) }),
  z.object({ kind: z.literal('reset'), params: z.object({}).default({}) }),
  z.object({ kind: z.literal('partition'), params: z.object({}).default({}) }),
  z.object({ kind: z.literal('bandwidth'), params: z.object({ bytesPerSecond: z.number().int().min(64) }) }),
]);

export const MAX_FAULT_TTL_MS = 3_600_000;

export const faultRequestSchema = z.intersection(
  faultSpecSchema,
  z.object({ link: z.string().min(1), ttlMs: z.number().int().min(1).max(MAX_FAULT_TTL_MS) }),
);

export type FaultSpec = z.infer<typeof faultSpecSchema>;
export type FaultKind = FaultSpec['kind'];
export type FaultRequest = z.input<typeof faultRequestSchema>;

export interface ActiveFault {
  id: string;
  link: string;
  kind: FaultKind;
  params: Record<string, unknown>;
  startedAt: number;
  expiresAt: number;
}

/** What a link does right now: the combination of its active faults. */
export interface LinkBehaviour {
  delayMs: number;
  jitterMs: number;
  drop: boolean;
  reset: boolean;
  partition: boolean;
  bytesPerSecond: number | undefined;
}

export function combineFaults(faults: readonly FaultSpec[]): LinkBehaviour {
  const behaviour: LinkBehaviour = { delayMs: 0, jitterMs: 0, drop: false, reset: false, partition: false, bytesPerSecond: undefined };
  for (const fault of faults) {
    switch (fault.kind) {
      case 'delay':
        behaviour.delayMs = Math.max(behaviour.delayMs, fault.params.ms);
        behaviour.jitterMs = Math.max(behaviour.jitterMs, fault.params.jitterMs);
        break;
      case 'bandwidth':
        behaviour.bytesPerSecond = Math.min(behaviour.bytesPerSecond ?? Infinity, fault.params.bytesPerSecond);
        break;
      default:
        behaviour[fault.kind] = true;
    }
  }
  return behaviour;
}
