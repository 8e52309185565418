import { checkLedgerInvariants } from '../../fixtures/platform/db/invariants.ts';
import type { RunContext } from '../../core/run-context.ts';
import type { ApiAdminAccess } from '../../staging/local/controls.ts';
import type { TrafficConfig } from '../config.ts';
import { backgroundTraffic, control, DrillError, makePlayers, requireEnv, totals, wait, type TrafficTotals } from '../drill-support.ts';
import type { TrafficSample } from '../traffic/traffic.ts';
import { adminCall } from './api-admin.ts';

export interface PhaseCounts {
  writes: number;
  reads: number;
  writesOk: number;
  readsOk: number;
  /** Writes refused with 503 and a Retry-After header. */
  writesRefusedCleanly: number;
  /** Answers that were neither success nor a clean refusal (5xx without Retry-After, no answer, other statuses). */
  unexpected: number;
  examples: string[];
}

export interface ReadOnlyObservation {
  windowMs: number;
  before: PhaseCounts;
  during: PhaseCounts;
  after: PhaseCounts;
  ledgerBefore: { ok: boolean; violations: string[] };
  ledgerAfter: { ok: boolean; violations: string[] };
  /** Read from the api after the drill switched read-only off. */
  readOnlyAfter: boolean;
  traffic: TrafficTotals;
}

export function countPhase(samples: readonly TrafficSample[]): PhaseCounts {
  const counts: PhaseCounts = { writes: 0, reads: 0, writesOk: 0, readsOk: 0, writesRefusedCleanly: 0, unexpected: 0, examples: [] };
  for (const s of samples) {
    const ok = s.status >= 200 && s.status < 300;
    if (s.write) counts.writes++;
    else counts.reads++;
    if (ok && s.write) counts.writesOk++;
    else if (ok) counts.readsOk++;
    else if (s.write && s.status === 503 && s.retryAfter !== undefined) counts.writesRefusedCleanly++;
    else {
      counts.unexpected++;
      if (counts.examples.length < 5) counts.examples.push(`${s.route} at +${Math.round(s.t)} ms: ${s.status || s.error}`);
    }
  }
  return counts;
}

async function ledger(databaseUrl: string) {
  const result = await checkLedgerInvariants(databaseUrl);
  return { ok: result.ok, violations: result.violations.slice(0, 10) };
}

/** Read-only for a short window under load: writes refused cleanly, reads served, ledger intact, service back after. */
export async function runReadOnlyDrill(ctx: RunContext, windowMs: number, trafficConfig: TrafficConfig): Promise<ReadOnlyObservation> {
  const env = requireEnv(ctx);
  const access = control<ApiAdminAccess>(env, 'read-only-toggle');
  const databaseUrl = env.urls.database;
  if (!databaseUrl) throw new DrillError('capability_missing', 'the environment names no database: the ledger cannot be checked');
  const players = await makePlayers(env, trafficConfig.players);
  const ledgerBefore = await ledger(databaseUrl);
  const phaseMs = Math.max(1_000, Math.round(windowMs / 2));
  const traffic = backgroundTraffic(ctx, env, players, trafficConfig, windowMs + phaseMs * 2 + 30_000);
  const restore = ctx.cleanup.register('rollout: read-only off', async () => void (await adminCall(access, 'PUT', '/admin/read-only', { enabled: false })));
  let marks!: { onSent: number; onDone: number; offSent: number; offDone: number };
  try {
    await wait(phaseMs, ctx.signal);
    const onSent = traffic.now();
    await adminCall(access, 'PUT', '/admin/read-only', { enabled: true });
    const onDone = traffic.now();
    await wait(windowMs, ctx.signal);
    const offSent = traffic.now();
    await restore.run();
    const offDone = traffic.now();
    marks = { onSent, onDone, offSent, offDone };
    await wait(phaseMs, ctx.signal);
  } finally {
    await traffic.stop();
    await restore.run();
  }
  const samples = traffic.samples;
  // Only requests wholly inside a phase are judged: one in flight across a toggle may see either mode.
  const before = samples.filter((s) => s.t + s.latencyMs < marks.onSent);
  const during = samples.filter((s) => s.t >= marks.onDone && s.t + s.latencyMs < marks.offSent);
  const after = samples.filter((s) => s.t >= marks.offDone);
  const readOnlyAfter = (await adminCall(access, 'GET', '/read-only')).enabled === true;
  return {
    windowMs,
    before: countPhase(before),
    during: countPhase(during),
    after: countPhase(after),
    ledgerBefore,
    ledgerAfter: await ledger(databaseUrl),
    readOnlyAfter,
    traffic: totals(samples, traffic.dropped),
  };
}
