import { setTimeout as sleep } from 'node:timers/promises';
import { Agent } from 'undici';
import type { RunContext } from '../core/run-context.ts';
import type { Environment, Pool } from '../staging/environment.ts';
import type { ApiAdminAccess, RoutingControls } from '../staging/local/controls.ts';
import type { Weights } from '../staging/local/edge-client.ts';
import type { TrafficConfig } from './config.ts';
import { createFundedPlayers, type PlayerSession } from './traffic/players.ts';
import { startTraffic, type TrafficRun, type TrafficSample } from './traffic/traffic.ts';

/** A drill could not be carried out (missing capability, provider error): never a pass. */
export class DrillError extends Error {
  readonly reason: 'capability_missing' | 'provider_error' | 'timeout';
  constructor(reason: DrillError['reason'], message: string) {
    super(message);
    this.name = 'DrillError';
    this.reason = reason;
  }
}

export function requireEnv(ctx: RunContext): Environment {
  if (!ctx.env) throw new DrillError('capability_missing', 'no environment is up: the rollout drills need a staging replica');
  return ctx.env;
}

export function control<T>(env: Environment, capability: 'routing-weights' | 'feature-flags' | 'read-only-toggle'): T {
  const found = env.controls[capability];
  if (!found) throw new DrillError('capability_missing', `the ${env.provider} environment has no ${capability} control`);
  return found as T;
}

export function weightsFor(pool: Pool, weight: number, baseline: Pool): Weights {
  const weights: Weights = { blue: 0, green: 0, canary: 0 };
  weights[baseline] = 100 - weight;
  weights[pool] += weight;
  return weights;
}

export async function wait(ms: number, signal: AbortSignal): Promise<void> {
  await sleep(ms, undefined, { signal });
}

/** Funded players made through the edge, with their own short-lived connection pool. */
export async function makePlayers(env: Environment, count: number): Promise<PlayerSession[]> {
  const agent = new Agent({ connections: 8 });
  try {
    return await createFundedPlayers(agent, env.urls.edge, count);
  } finally {
    await agent.close();
  }
}

/** Background traffic through the edge for one drill; stopped by the drill and, failing that, by cleanup. */
export function backgroundTraffic(ctx: RunContext, env: Environment, players: PlayerSession[], config: TrafficConfig, maxDurationMs: number, pin?: () => string | undefined): TrafficRun {
  const run = startTraffic({
    baseUrl: env.urls.edge,
    players,
    ratePerSecond: config.ratePerSecond,
    maxInFlight: config.maxInFlight,
    requestTimeoutMs: config.requestTimeoutMs,
    spinShare: config.spinShare,
    maxDurationMs,
    pin,
  });
  const handle = ctx.cleanup.register('rollout background traffic', () => run.stop());
  const stop = run.stop;
  run.stop = () => {
    handle.release();
    return stop();
  };
  return run;
}

/** Puts the edge's weights back as they were, whatever the drill did. */
export async function withWeightsRestored<T>(ctx: RunContext, routing: RoutingControls, body: (initial: Weights) => Promise<T>): Promise<T> {
  const initial = (await routing.edgeState()).weights;
  const entry = ctx.cleanup.register('rollout: restore edge weights', async () => void (await routing.setWeights(initial)));
  try {
    return await body(initial);
  } finally {
    await entry.run();
  }
}

export interface TrafficTotals {
  sent: number;
  dropped: number;
  failed: number;
  byPool: Record<string, number>;
}

export function totals(samples: readonly TrafficSample[], dropped: number): TrafficTotals {
  const byPool: Record<string, number> = {};
  for (const s of samples) byPool[s.pool ?? 'none'] = (byPool[s.pool ?? 'none'] ?? 0) + 1;
  return { sent: samples.length, dropped, failed: samples.filter((s) => s.status === 0 || s.status >= 500).length, byPool };
}

export function adminHeaders(access: ApiAdminAccess): Record<string, string> {
  return { authorization: `Bearer ${access.adminToken}`, 'content-type': 'application/json' };
}
