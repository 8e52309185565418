import type { RunContext } from '../../core/run-context.ts';
import type { Pool } from '../../staging/environment.ts';
import type { RoutingControls } from '../../staging/local/controls.ts';
import { runApiJourney, type ApiStepResult } from '../../smoke/index.ts';
import type { BlueGreenConfig, TrafficConfig } from '../config.ts';
import { backgroundTraffic, control, makePlayers, requireEnv, totals, wait, weightsFor, withWeightsRestored, type TrafficTotals } from '../drill-support.ts';
import { samplesBetween, type TrafficRun } from '../traffic/traffic.ts';

export interface CutoverObservation {
  to: Pool;
  /** From the weight change being sent until the edge confirmed it. */
  ms: number;
  /** Requests meant to be sent in the window around the cutover that failed (5xx or no answer). */
  failed: number;
  requests: number;
  /** Unpinned requests meant to start after the edge confirmed, answered by the pool we left. */
  servedByOldAfter: number;
  failures: string[];
}

export interface BlueGreenObservation {
  baselinePool: Pool;
  candidatePool: Pool;
  smokeBefore: ApiStepResult[];
  switch: CutoverObservation;
  smokeAfter: ApiStepResult[];
  rollback?: CutoverObservation;
  traffic: TrafficTotals;
}

/** Test seams: what happens around the switch (a fault on the edge→green link, a broken switch). */
export interface BlueGreenHooks {
  beforeSwitch?: () => Promise<void>;
  /** Replaces the instant weight flip, e.g. a switch that drains the old pool before the new one is ready. */
  switchTo?: (routing: RoutingControls, to: Pool) => Promise<void>;
}

/** Pinned to a pool, or through the edge as players are routed when `pool` is undefined. */
async function smoke(ctx: RunContext, pool: Pool | undefined): Promise<ApiStepResult[]> {
  return runApiJourney({ fetch: ctx.adapters.fetch, baseUrl: requireEnv(ctx).urls.edge, pool, requestTimeoutMs: 10_000, settleMs: 10_000, signal: ctx.signal });
}

async function cutover(ctx: RunContext, routing: RoutingControls, traffic: TrafficRun, pools: { from: Pool; to: Pool }, config: BlueGreenConfig, hooks: BlueGreenHooks): Promise<CutoverObservation> {
  const windowStart = traffic.now();
  await wait(config.phaseMs, ctx.signal);
  const started = performance.now();
  if (hooks.switchTo) await hooks.switchTo(routing, pools.to);
  else await routing.setWeights(weightsFor(pools.to, 100, pools.from));
  const ms = performance.now() - started;
  const confirmedAt = traffic.now();
  await wait(config.phaseMs, ctx.signal);
  const windowEnd = traffic.now();
  await traffic.settled(windowEnd);
  const window = samplesBetween(traffic.samples, windowStart, windowEnd);
  const failed = window.filter((s) => s.status === 0 || s.status >= 500);
  const servedByOld = samplesBetween(window, confirmedAt, windowEnd).filter((s) => s.pool === pools.from);
  return {
    to: pools.to,
    ms: Math.round(ms),
    failed: failed.length,
    requests: window.length,
    servedByOldAfter: servedByOld.length,
    failures: failed.slice(0, 5).map((s) => `${s.route} at +${Math.round(s.t)} ms: ${s.status || s.error}`),
  };
}

/**
 * Blue-green: smoke the idle candidate pool, switch all traffic to it at once under load, smoke again, then
 * rehearse the rollback to the baseline pool, timing both cutovers and counting every failed request.
 */
export async function runBlueGreenDrill(ctx: RunContext, pools: { baseline: Pool; candidate: Pool }, config: BlueGreenConfig, trafficConfig: TrafficConfig, hooks: BlueGreenHooks = {}): Promise<BlueGreenObservation> {
  const env = requireEnv(ctx);
  const routing = control<RoutingControls>(env, 'routing-weights');
  return withWeightsRestored(ctx, routing, async () => {
    await routing.setWeights(weightsFor(pools.candidate, 0, pools.baseline));
    const smokeBefore = config.smoke ? await smoke(ctx, pools.candidate) : [];
    const players = await makePlayers(env, trafficConfig.players);
    const traffic = backgroundTraffic(ctx, env, players, trafficConfig, config.phaseMs * 4 + 60_000);
    try {
      if (hooks.beforeSwitch) await hooks.beforeSwitch();
      ctx.progress(`blue-green: switching to ${pools.candidate}`);
      const switched = await cutover(ctx, routing, traffic, { from: pools.baseline, to: pools.candidate }, config, hooks);
      const smokeAfter = config.smoke ? await smoke(ctx, undefined) : [];
      ctx.progress(`blue-green: rolling back to ${pools.baseline}`);
      const rollback = await cutover(ctx, routing, traffic, { from: pools.candidate, to: pools.baseline }, config, {});
      await traffic.stop();
      return { baselinePool: pools.baseline, candidatePool: pools.candidate, smokeBefore, switch: switched, smokeAfter, rollback, traffic: totals(traffic.samples, traffic.dropped) };
    } finally {
      await traffic.stop();
    }
  });
}
