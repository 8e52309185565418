/**
 * A resource described well enough that `greenlight cleanup` can remove it after the run that made it
 * has crashed, without that run's closures.
 */
export type Reapable =
  | { type: 'process'; pid: number; command: string; group?: boolean }
  | { type: 'path'; path: string }
  | { type: 'http'; method: 'DELETE' | 'POST'; url: string; body?: unknown }
  /** A database on a server; `serverUrl` carries no password (the reaper takes PGPASSWORD). */
  | { type: 'database'; serverUrl: string; name: string }
  | { type: 'k8s'; apiVersion: string; kind: string; namespace: string; name: string; context?: string };

export interface LedgerEntry {
  id: number;
  label: string;
  createdAt: string;
  resource?: Reapable;
}

/** What a run persists under `.greenlight/leases/<run-id>.json` while it holds resources. */
export interface Ledger {
  runId: string;
  ownerPid: number;
  startedAt: string;
  entries: LedgerEntry[];
}

export function describeResource(resource: Reapable): string {
  switch (resource.type) {
    case 'process':
      return `process ${resource.pid} (${resource.command})`;
    case 'path':
      return `path ${resource.path}`;
    case 'http':
      return `${resource.method} ${resource.url}`;
    case 'database':
      return `database ${resource.name} on ${resource.serverUrl}`;
    case 'k8s':
      return `${resource.kind} ${resource.namespace}/${resource.name}`;
  }
}
