/** The part of a Chaos Mesh object's status the harness reads (api/v1alpha1/common_types.go). */
export interface ChaosStatus {
  conditions?: { type: string; status: string; reason?: string }[];
  experiment?: { desiredPhase?: string; containerRecords?: { id?: string; phase?: string; events?: { type?: string; operation?: string; message?: string }[] }[] };
}

export type InjectionState = 'unknown' | 'injecting' | 'injected' | 'failed';

const isTrue = (status: ChaosStatus | undefined, type: string) => status?.conditions?.some((c) => c.type === type && c.status === 'True') ?? false;

/** Injected = Selected && AllInjected; a Failed Apply event in a record is a failed injection; no conditions = unknown. */
export function injectionState(status: ChaosStatus | undefined): { state: InjectionState; detail: string } {
  const failures = (status?.experiment?.containerRecords ?? []).flatMap((r) => (r.events ?? []).filter((e) => e.type === 'Failed' && e.operation === 'Apply').map((e) => `${r.id ?? 'record'}: ${e.message ?? 'failed'}`));
  if (failures.length > 0) return { state: 'failed', detail: failures.join('; ') };
  if (!status?.conditions || status.conditions.length === 0) return { state: 'unknown', detail: 'no status conditions yet' };
  if (isTrue(status, 'Selected') && isTrue(status, 'AllInjected')) return { state: 'injected', detail: 'Selected and AllInjected' };
  return { state: 'injecting', detail: status.conditions.map((c) => `${c.type}=${c.status}`).join(', ') };
}

/** Recovered = Selected && AllRecovered (not reached by one-shot kills; judge those on the workload). */
export function isRecovered(status: ChaosStatus | undefined): boolean {
  return isTrue(status, 'Selected') && isTrue(status, 'AllRecovered');
}
