import { errorMessage } from '../../core/errors.ts';
import type { PaymentSandboxAccess } from '../../staging/local/controls.ts';
import type { Probe } from '../model/probe.ts';
import { checkMoneyInvariants } from './money-invariants.ts';
import { ProbePlayer, type PlayerOptions } from './player.ts';

/** A probe that measured: its value, whether the tolerance held, and why in words. */
export interface ProbeMeasured {
  name: string;
  kind: Probe['kind'];
  outcome: 'measured';
  value: number;
  unit: string;
  toleranceMet: boolean;
  tolerance: string;
  samples: number;
  detail: string;
}

/** A probe that could not measure (the platform or the harness failed it): never a pass. */
export interface ProbeFailed {
  name: string;
  kind: Probe['kind'];
  outcome: 'error';
  error: string;
}

export type ProbeResult = ProbeMeasured | ProbeFailed;

export interface ProbeContext {
  player: Omit<PlayerOptions, 'pool'>;
  databaseUrl: string;
  /** Players signed up before the method (by `preparePlayers`), by probe name, so faults cannot hit their sign-up. */
  players: Map<string, ProbePlayer>;
  /** The psp sandbox (for redelivering webhooks), when the environment offers it. */
  payments?: PaymentSandboxAccess;
  /** Deposits made during the method, settled later by `settleDeposits`. */
  pendingDeposits: Map<string, { player: ProbePlayer; ids: string[]; balanceBefore: number; amount: number; settleWithinMs: number; redeliver: boolean }>;
}

export function percentile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
}

function playerNeeds(probe: Probe): { pool?: string; depositCents: number } | undefined {
  switch (probe.kind) {
    case 'ledger-invariants':
      return undefined;
    case 'deposits-settle':
      return { depositCents: 0 };
    default:
      return { pool: probe.pool, depositCents: 50_000 };
  }
}

/** Signs up (in parallel) the players these probes will use. */
export async function preparePlayers(probes: readonly Probe[], ctx: ProbeContext): Promise<void> {
  await Promise.all(
    probes.map(async (probe) => {
      const needs = playerNeeds(probe);
      if (!needs || ctx.players.has(probe.name)) return;
      const player = new ProbePlayer({ ...ctx.player, pool: needs.pool });
      await player.signUp(needs.depositCents);
      ctx.players.set(probe.name, player);
    }),
  );
}

async function playerFor(probe: Probe, ctx: ProbeContext): Promise<ProbePlayer> {
  await preparePlayers([probe], ctx);
  return ctx.players.get(probe.name)!;
}

async function measure(probe: Probe, ctx: ProbeContext): Promise<Omit<ProbeMeasured, 'name' | 'kind' | 'outcome'>> {
  switch (probe.kind) {
    case 'spin-p95': {
      const player = await playerFor(probe, ctx);
      const ok: number[] = [];
      for (let i = 0; i < probe.spins; i++) {
        const answer = await player.spin();
        if (answer.status === 200) ok.push(answer.ms);
      }
      // Latency of failed spins says nothing; too few answered spins cannot show the p95 holds.
      if (ok.length < Math.ceil(probe.spins / 2)) throw new Error(`only ${ok.length} of ${probe.spins} spins answered 200; p95 not measurable`);
      const p95 = percentile(ok, 0.95);
      return { value: Math.round(p95), unit: 'ms', toleranceMet: p95 < probe.tolerance.maxMs, tolerance: `p(95)<${probe.tolerance.maxMs}`, samples: ok.length, detail: `p95 of ${ok.length} spins ${Math.round(p95)} ms` };
    }
    case 'spin-error-rate': {
      const player = await playerFor(probe, ctx);
      const statuses: number[] = [];
      for (let i = 0; i < probe.spins; i++) statuses.push((await player.spin()).status);
      const failed = statuses.filter((s) => s !== 200);
      const rate = failed.length / statuses.length;
      return { value: rate, unit: 'ratio', toleranceMet: rate <= probe.tolerance.max, tolerance: `rate<=${probe.tolerance.max}`, samples: statuses.length, detail: `${failed.length} of ${statuses.length} spins failed${failed.length ? ` (${[...new Set(failed)].join(', ')})` : ''}` };
    }
    case 'spin-fails-cleanly': {
      const player = await playerFor(probe, ctx);
      const before = await player.balance();
      const statuses: number[] = [];
      for (let i = 0; i < probe.spins; i++) statuses.push((await player.spin()).status);
      const after = await player.balance();
      const unclean = statuses.filter((s) => !probe.tolerance.statuses.includes(s));
      const moved = after - before;
      return {
        value: unclean.length,
        unit: 'spins',
        toleranceMet: unclean.length === 0 && moved === 0,
        tolerance: `every spin answers ${probe.tolerance.statuses.join('|')} and the balance stays the same`,
        samples: statuses.length,
        detail: `statuses ${statuses.join(', ')}; balance moved by ${moved}`,
      };
    }
    case 'deposits-settle': {
      const player = await playerFor(probe, ctx);
      const balanceBefore = await player.balance();
      const ids: string[] = [];
      for (let i = 0; i < probe.deposits; i++) ids.push(await player.depositBy3ds(probe.amount));
      ctx.pendingDeposits.set(probe.name, { player, ids, balanceBefore, amount: probe.amount, settleWithinMs: probe.tolerance.settleWithinMs, redeliver: probe.redeliver });
      return { value: ids.length, unit: 'deposits', toleranceMet: true, tolerance: 'made; settled after the method', samples: ids.length, detail: `${ids.length} 3-D Secure deposits approved, awaiting their webhooks` };
    }
    case 'ledger-invariants': {
      const result = await checkMoneyInvariants(ctx.databaseUrl);
      const shown = result.violations.slice(0, 5).join('; ');
      return { value: result.violations.length, unit: 'violations', toleranceMet: result.violations.length === 0, tolerance: 'violations == 0', samples: result.counts.transactions ?? 0, detail: result.violations.length ? shown : `ledger balanced over ${result.counts.transactions} transactions` };
    }
  }
}

/** Runs one probe; an exception becomes an `error` result, never a pass. */
export async function runProbe(probe: Probe, ctx: ProbeContext): Promise<ProbeResult> {
  try {
    return { name: probe.name, kind: probe.kind, outcome: 'measured', ...(await measure(probe, ctx)) };
  } catch (error) {
    if (ctx.player.signal.aborted) throw error;
    return { name: probe.name, kind: probe.kind, outcome: 'error', error: errorMessage(error) };
  }
}
