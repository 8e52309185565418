import type { RunContext } from '../../core/run-context.ts';
import type { Pool } from '../../staging/environment.ts';
import type { RoutingControls } from '../../staging/local/controls.ts';
import type { CanaryConfig, TrafficConfig } from '../config.ts';
import { backgroundTraffic, control, makePlayers, requireEnv, totals, wait, weightsFor, withWeightsRestored, type TrafficTotals } from '../drill-support.ts';
import { samplesBetween, type TrafficRun } from '../traffic/traffic.ts';
import { judgeStep, type StepJudgement } from './judge.ts';

export interface CanaryStepObservation extends StepJudgement {
  weight: number;
  durationMs: number;
  /** A few failed requests of the step, as `pool status/error`. */
  failures: string[];
}

export interface RollbackObservation {
  /** From the failed judgement until the edge confirmed the candidate's weight at 0. */
  ms: number;
  /** Unpinned requests the candidate still answered after the edge confirmed weight 0 (should be none). */
  candidateServedAfter: number;
  weightsAfter: Record<string, number>;
}

export interface CanaryObservation {
  baselinePool: Pool;
  candidatePool: Pool;
  steps: CanaryStepObservation[];
  /** The weight at which the canary stopped: failed there, or 100 when every step ran. */
  stoppedAtWeight: number;
  rollback?: RollbackObservation;
  traffic: TrafficTotals;
}

const AFTER_ROLLBACK_WATCH_MS = 1_000;

/** Steps the candidate's weight up under traffic, judges each step, and takes the weight back to 0 on failure. */
export async function runCanaryDrill(ctx: RunContext, pools: { baseline: Pool; candidate: Pool }, config: CanaryConfig, trafficConfig: TrafficConfig): Promise<CanaryObservation> {
  const env = requireEnv(ctx);
  const routing = control<RoutingControls>(env, 'routing-weights');
  return withWeightsRestored(ctx, routing, async () => {
    await routing.setWeights(weightsFor(pools.candidate, 0, pools.baseline));
    const players = await makePlayers(env, trafficConfig.players);
    let weight = 0;
    let warming = true;
    let flip = 0;
    // Warm-up pins to both pools in turn; at 100% a control stream stays pinned to the baseline (as Kayenta runs one).
    const pin = () => (warming ? (flip++ % 2 === 0 ? pools.baseline : pools.candidate) : weight === 100 && flip++ % 2 === 0 ? pools.baseline : undefined);
    const budgetMs = config.warmupMs + config.steps.reduce((a, s) => a + config.settleMs + s.durationMs, 0) + 30_000;
    const traffic = backgroundTraffic(ctx, env, players, trafficConfig, budgetMs, pin);
    const steps: CanaryStepObservation[] = [];
    let rollback: RollbackObservation | undefined;
    try {
      await wait(config.warmupMs, ctx.signal);
      warming = false;
      for (const step of config.steps) {
        ctx.progress(`canary: ${pools.candidate} at ${step.weight}%`);
        await routing.setWeights(weightsFor(pools.candidate, step.weight, pools.baseline));
        weight = step.weight;
        const from = traffic.now() + config.settleMs;
        await wait(config.settleMs + step.durationMs, ctx.signal);
        const to = traffic.now();
        await traffic.settled(to);
        const window = samplesBetween(traffic.samples, from, to);
        const judgement = judgeStep(window, pools, config);
        const failures = window.filter((s) => s.status === 0 || s.status >= 500).slice(0, 5).map((s) => `${s.pool ?? s.pinned ?? 'no pool'} ${s.route}: ${s.status || s.error}`);
        steps.push({ weight: step.weight, durationMs: Math.round(to - from), failures, ...judgement });
        if (judgement.verdict === 'fail') {
          rollback = await rollBack(routing, traffic, pools, () => (weight = 0));
          break;
        }
      }
    } finally {
      await traffic.stop();
    }
    return { baselinePool: pools.baseline, candidatePool: pools.candidate, steps, stoppedAtWeight: steps.at(-1)?.weight ?? 0, rollback, traffic: totals(traffic.samples, traffic.dropped) };
  });
}

async function rollBack(routing: RoutingControls, traffic: TrafficRun, pools: { baseline: Pool; candidate: Pool }, onZero: () => void): Promise<RollbackObservation> {
  const started = performance.now();
  await routing.setWeights(weightsFor(pools.candidate, 0, pools.baseline));
  const state = await routing.edgeState();
  const ms = performance.now() - started;
  onZero();
  const confirmedAt = traffic.now();
  await new Promise((resolve) => setTimeout(resolve, AFTER_ROLLBACK_WATCH_MS));
  await traffic.settled(traffic.now());
  const after = samplesBetween(traffic.samples, confirmedAt, Number.POSITIVE_INFINITY).filter((s) => !s.pinned && s.pool === pools.candidate);
  return { ms: Math.round(ms), candidateServedAfter: after.length, weightsAfter: { ...state.weights } };
}
