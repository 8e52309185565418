import type { Pool } from '../environment.ts';
import type { AutoscalerSample } from './autoscaler.ts';
import type { AutoscalerConfig } from './config.ts';
import type { EdgeState, Weights } from './edge-client.ts';
import type { ActiveFault, FaultRequest } from './faults.ts';
import type { ProcessAction } from './replica.ts';

/** A client for the supervisor's admin API. Errors carry the status and the server's message. */
export class ReplicaAdminClient {
  readonly baseUrl: string;
  private readonly fetchImpl: typeof fetch;

  constructor(baseUrl: string, fetchImpl: typeof fetch = fetch) {
    this.baseUrl = baseUrl;
    this.fetchImpl = fetchImpl;
  }

  async call<T>(method: string, path: string, body?: unknown, timeoutMs = 30_000): Promise<T> {
    const response = await this.fetchImpl(`${this.baseUrl}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`replica admin ${method} ${path} answered ${response.status}: ${text.slice(0, 300)}`);
    return JSON.parse(text) as T;
  }
}

/** controls['network-faults'] */
export interface NetworkFaultControls {
  /** Links are `edge->api-blue-1`, `api->postgres`, `api->rng`, `api->psp`, `psp->webhooks`. */
  links(): Promise<string[]>;
  inject(request: FaultRequest): Promise<ActiveFault>;
  clear(id: string): Promise<void>;
  clearAll(): Promise<void>;
  active(): Promise<ActiveFault[]>;
}

/** controls['process-faults']: ids such as `api-blue-1`, `rng-1`, `psp`, `edge`. */
/** kill and pause take an optional TTL after which the supervisor itself restarts or resumes the instance. */
export type ProcessFaultControls = Record<ProcessAction, (instanceId: string, ttlMs?: number) => Promise<void>>;

/** controls['scaling'] */
export interface ScalingControls {
  scale(pool: Pool, replicas: number): Promise<number>;
  replicas(pool: Pool): Promise<number>;
  autoscaler(): Promise<{ config: AutoscalerConfig; history: AutoscalerSample[]; lastError?: string }>;
}

/** controls['routing-weights'] */
export interface RoutingControls {
  setWeights(weights: Weights): Promise<Weights>;
  edgeState(): Promise<EdgeState>;
}

/** controls['feature-flags'] and controls['read-only-toggle']: the api's admin endpoints, through the edge. */
export interface ApiAdminAccess {
  apiUrl: string;
  adminToken: string;
}

/**
 * controls['database-clone']: a superuser URL of the application database (direct, no fault point), and
 * clones of it. `clone` resets the api's database link for the moment of the copy (CREATE DATABASE … TEMPLATE
 * needs the source without sessions); drop every clone you make.
 */
export interface DatabaseCloneControls {
  adminUrl: string;
  database: string;
  /** Returns the clone's superuser URL. */
  clone(name: string): Promise<string>;
  drop(name: string): Promise<void>;
}

/** controls['payment-sandbox'] */
export interface PaymentSandboxAccess {
  pspUrl: string;
  apiKey: string;
  webhookSecret: string;
}

export interface ReplicaState {
  weights: Weights;
  replicas: Partial<Record<Pool, number>>;
  links: { name: string; url: string; target?: { host: string; port: number }; connections: number }[];
  faults: ActiveFault[];
  processes: { id: string; service: string; pid?: number; status: string }[];
  pools: Partial<Record<Pool, { id: string; release: string; url: string; via: string; status: string }[]>>;
}

export function networkFaultControls(admin: ReplicaAdminClient): NetworkFaultControls {
  return {
    links: async () => (await admin.call<ReplicaState>('GET', '/state')).links.map((l) => l.name),
    inject: async (request) => (await admin.call<{ fault: ActiveFault }>('POST', '/faults', request)).fault,
    clear: async (id) => void (await admin.call('DELETE', `/faults/${encodeURIComponent(id)}`)),
    clearAll: async () => void (await admin.call('DELETE', '/faults')),
    active: async () => (await admin.call<{ faults: ActiveFault[] }>('GET', '/faults')).faults,
  };
}

export function processFaultControls(admin: ReplicaAdminClient): ProcessFaultControls {
  const act = (action: ProcessAction) => async (id: string, ttlMs?: number) =>
    void (await admin.call('POST', `/instances/${encodeURIComponent(id)}/${action}`, ttlMs === undefined ? undefined : { ttlMs }));
  return { kill: act('kill'), pause: act('pause'), resume: act('resume'), restart: act('restart') };
}

export function scalingControls(admin: ReplicaAdminClient): ScalingControls {
  return {
    scale: async (pool, replicas) => (await admin.call<{ replicas: number }>('POST', '/scale', { pool, replicas }, 60_000)).replicas,
    replicas: async (pool) => (await admin.call<ReplicaState>('GET', '/state')).replicas[pool] ?? 0,
    autoscaler: () => admin.call('GET', '/autoscaler'),
  };
}

export function databaseCloneControls(admin: ReplicaAdminClient, adminUrl: string): DatabaseCloneControls {
  const urlOf = (name: string) => {
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    return url.href;
  };
  return {
    adminUrl,
    database: new URL(adminUrl).pathname.slice(1),
    clone: async (name) => urlOf((await admin.call<{ database: string }>('POST', '/database/clones', { name }, 60_000)).database),
    drop: async (name) => void (await admin.call('DELETE', `/database/clones/${encodeURIComponent(name)}`)),
  };
}

export function routingControls(admin: ReplicaAdminClient, edgeAdminUrl: string): RoutingControls {
  return {
    setWeights: async (weights) => (await admin.call<{ weights: Weights }>('PUT', '/weights', weights)).weights,
    edgeState: async () => new ReplicaAdminClient(edgeAdminUrl).call<EdgeState>('GET', '/state'),
  };
}
