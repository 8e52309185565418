import type { Pool } from '../environment.ts';

export type Weights = Record<Pool, number>;

export interface EdgeInstanceState {
  id: string;
  url: string;
  healthy: boolean;
  inFlight: number;
  requests: number;
  /** The integral of inFlight over time (ms) since the instance joined the pool. */
  busyMs?: number;
}

export interface EdgeState {
  weights: Weights;
  pools: Partial<Record<Pool, EdgeInstanceState[]>>;
}

/** The edge router's admin API (service contract), on loopback. */
export class EdgeAdminClient {
  readonly baseUrl: string;

  constructor(baseUrl: string) {
    this.baseUrl = baseUrl;
  }

  async setPool(pool: Pool, instances: { id: string; url: string }[]): Promise<void> {
    await this.send('PUT', `/pools/${pool}`, { instances });
  }

  async setWeights(weights: Weights): Promise<void> {
    await this.send('PUT', '/weights', weights);
  }

  async state(): Promise<EdgeState> {
    const response = await fetch(`${this.baseUrl}/state`, { signal: AbortSignal.timeout(2_000) });
    if (!response.ok) throw new Error(`edge GET /state answered ${response.status}`);
    return (await response.json()) as EdgeState;
  }

  private async send(method: string, path: string, body: unknown): Promise<void> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(2_000),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`edge ${method} ${path} answered ${response.status}: ${text.slice(0, 200)}`);
  }
}

export function validateWeights(weights: unknown): Weights {
  const w = weights as Partial<Record<string, unknown>>;
  const pools = ['blue', 'green', 'canary'] as const;
  const values = pools.map((pool) => w?.[pool] ?? 0);
  if (!values.every((v) => Number.isInteger(v) && (v as number) >= 0) || values.reduce((a: number, b) => a + (b as number), 0) !== 100) {
    throw new RangeError('weights must be non-negative integers for blue, green, canary summing to 100');
  }
  return { blue: values[0] as number, green: values[1] as number, canary: values[2] as number };
}
