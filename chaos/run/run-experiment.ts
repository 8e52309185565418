import { setTimeout as sleep } from 'node:timers/promises';
import { errorMessage } from '../../core/errors.ts';
import type { RunContext } from '../../core/run-context.ts';
import type { PaymentSandboxAccess } from '../../staging/local/controls.ts';
import type { ActiveInjection, FaultInjector } from '../local/injector.ts';
import { describeFault, type Fault } from '../model/fault.ts';
import type { Experiment } from '../model/experiment.ts';
import type { Probe } from '../model/probe.ts';
import { preparePlayers, runProbe, type ProbeContext, type ProbeResult } from '../probes/run-probe.ts';
import { settleDeposits } from '../probes/settle-deposits.ts';
import { startBackgroundLoad, type BackgroundLoadSummary } from './background-load.ts';
import { steadyStateMet, type ExperimentResult, type FaultRecord, type RollbackRecord, type SteadyState } from './result.ts';

export interface RunExperimentOptions {
  ctx: RunContext;
  experiment: Experiment;
  injector: FaultInjector;
  /** Background players sign up this long before the first fault. */
  loadWarmupMs?: number;
}

async function runProbes(probes: readonly Probe[], probeCtx: ProbeContext): Promise<ProbeResult[]> {
  const results: ProbeResult[] = [];
  for (const probe of probes) results.push(await runProbe(probe, probeCtx));
  return results;
}

async function steadyState(probes: readonly Probe[], probeCtx: ProbeContext): Promise<SteadyState> {
  const results = await runProbes(probes, probeCtx);
  return { met: steadyStateMet(results), probes: results };
}

const MONEY_PROBE: Probe = { kind: 'ledger-invariants', name: 'money-invariants', tolerance: { violations: 0 } };

/** The money invariants after every experiment that injected anything; read directly, without a signal. */
function moneyAfter(databaseUrl: string): Promise<ProbeResult> {
  const probeCtx: ProbeContext = { player: { fetch, edgeUrl: '', signal: new AbortController().signal }, databaseUrl, players: new Map(), pendingDeposits: new Map() };
  return runProbe(MONEY_PROBE, probeCtx);
}

class InjectionFailed extends Error {}

/** Injects each fault at its offset and removes it when its duration ends; the first failure stops the rest. */
async function applyFaults(experiment: string, faults: readonly Fault[], injector: FaultInjector, signal: AbortSignal, elapsed: () => number, held: ActiveInjection[], records: FaultRecord[]): Promise<void> {
  const stop = new AbortController();
  const both = AbortSignal.any([signal, stop.signal]);
  await Promise.all(
    faults.map(async (fault, index) => {
      await sleep(fault.afterMs, undefined, { signal: both });
      const record: FaultRecord = { description: describeFault(fault), injectedAtMs: Math.round(elapsed()) };
      records.push(record);
      let injection: ActiveInjection;
      try {
        injection = await injector.inject(fault, { experiment, index });
      } catch (error) {
        record.error = errorMessage(error);
        stop.abort();
        throw new InjectionFailed(`could not inject ${record.description}: ${record.error}`);
      }
      held.push(injection);
      record.id = injection.id;
      await sleep(fault.durationMs, undefined, { signal: both });
      await injection.remove();
      record.removedAtMs = Math.round(elapsed());
    }),
  ).catch((error: unknown) => {
    stop.abort();
    throw error;
  });
}

async function rollBack(held: readonly ActiveInjection[]): Promise<RollbackRecord[]> {
  const records: RollbackRecord[] = [];
  for (const injection of [...held].reverse()) {
    try {
      await injection.remove();
      records.push({ description: `removed: ${injection.description}`, ok: true });
    } catch (error) {
      records.push({ description: `removed: ${injection.description}`, ok: false, error: errorMessage(error) });
    }
  }
  return records;
}

/**
 * Runs one experiment: the steady state before (broken → nothing is injected), then the method (faults on their
 * schedule while background load runs and method probes measure), rollbacks (always, also on failure or
 * interruption), recovery time, settlement of deposits made during the method, and the steady state after.
 */
export async function runExperiment(options: RunExperimentOptions): Promise<ExperimentResult> {
  const { ctx, experiment, injector } = options;
  const started = performance.now();
  const elapsed = () => performance.now() - started;
  const common = { experiment: experiment.name, title: experiment.title, startedAt: new Date().toISOString() };
  const finish = () => Math.round(elapsed());
  const edgeUrl = ctx.env?.urls.edge;
  const databaseUrl = ctx.env?.urls.database;
  const noBefore: SteadyState = { met: false, probes: [] };
  if (!edgeUrl || !databaseUrl) {
    return { ...common, durationMs: finish(), before: noBefore, status: 'aborted', phase: 'before', error: 'the environment exposes no edge or database URL', faults: [], rollbacks: [] };
  }
  const payments = ctx.env?.controls['payment-sandbox'] as PaymentSandboxAccess | undefined;
  const probeCtx: ProbeContext = { player: { fetch: ctx.adapters.fetch, edgeUrl, signal: ctx.signal }, databaseUrl, players: new Map(), pendingDeposits: new Map(), ...(payments ? { payments } : {}) };
  let before = noBefore;
  const held: ActiveInjection[] = [];
  const faults: FaultRecord[] = [];
  // Stops the method's timers and background load (not probe requests) when the method cannot go on.
  const methodAbort = new AbortController();
  const methodSignal = AbortSignal.any([ctx.signal, methodAbort.signal]);
  try {
    ctx.progress(`chaos ${experiment.name}: steady state before`);
    before = await steadyState(experiment.steadyState.probes, probeCtx);
    if (!before.met) return { ...common, durationMs: finish(), before, status: 'not-injected' };

    await preparePlayers(experiment.method.probes, probeCtx);
    ctx.progress(`chaos ${experiment.name}: method (${experiment.method.durationMs} ms)`);
    const warmupMs = experiment.method.load ? (options.loadWarmupMs ?? 1_500) : 0;
    const loadDone: Promise<BackgroundLoadSummary> | undefined = experiment.method.load
      ? startBackgroundLoad({ settings: experiment.method.load, durationMs: warmupMs + experiment.method.durationMs, edgeUrl, signal: methodSignal })
      : undefined;
    await sleep(warmupMs, undefined, { signal: ctx.signal });
    const methodStart = elapsed();
    const sinceMethod = () => elapsed() - methodStart;
    const during: ProbeResult[] = [];
    const duringDone = sleep(experiment.method.probesAfterMs, undefined, { signal: methodSignal }).then(async () => void during.push(...(await runProbes(experiment.method.probes, probeCtx))));
    const methodTimer = sleep(experiment.method.durationMs, undefined, { signal: methodSignal });
    try {
      await Promise.all([applyFaults(experiment.name, experiment.method.faults, injector, ctx.signal, sinceMethod, held, faults), duringDone, methodTimer]);
    } catch (error) {
      if (!(error instanceof InjectionFailed)) throw error;
      methodAbort.abort();
      const rollbacks = await rollBack(held);
      await loadDone;
      const money = await moneyAfter(databaseUrl);
      return { ...common, durationMs: finish(), before, status: 'aborted', phase: 'method', error: error.message, faults, rollbacks, money };
    }
    const rollbacks = await rollBack(held);
    const load = await loadDone;

    ctx.progress(`chaos ${experiment.name}: recovery and steady state after`);
    await sleep(experiment.recoveryMs, undefined, { signal: ctx.signal });
    during.push(...(await settleDeposits(probeCtx)));
    const after = await steadyState(experiment.steadyState.probes, probeCtx);
    const money = await moneyAfter(databaseUrl);
    const result: ExperimentResult = { ...common, durationMs: finish(), before, status: 'completed', deviated: !after.met, faults, during, after, rollbacks, money };
    if (load) result.load = load;
    return result;
  } catch (error) {
    methodAbort.abort();
    const rollbacks = await rollBack(held);
    const injected = faults.length > 0;
    const money = injected ? await moneyAfter(databaseUrl) : undefined;
    const rest = { ...common, durationMs: finish(), before, faults, rollbacks, ...(money ? { money } : {}) };
    if (ctx.signal.aborted) return { ...rest, status: 'interrupted' };
    return { ...rest, status: 'aborted', phase: injected ? 'method' : 'before', error: errorMessage(error) };
  }
}
