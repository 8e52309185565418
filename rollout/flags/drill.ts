import { randomUUID } from 'node:crypto';
import { request } from 'undici';
import type { RunContext } from '../../core/run-context.ts';
import type { Pool } from '../../staging/environment.ts';
import { ReplicaAdminClient, type ApiAdminAccess, type ReplicaState } from '../../staging/local/controls.ts';
import type { LocalHttpAccess } from '../../staging/local/provider.ts';
import { control, DrillError, makePlayers, requireEnv } from '../drill-support.ts';
import { adminCall } from '../modes/api-admin.ts';
import type { PlayerSession } from '../traffic/players.ts';
import { manifestPath, newFlags, readManifestFlags, type NewFlag } from './manifest-flags.ts';

/** How a flag shows in the product; a flag without one is checked through the flags API only. */
export type FlagProbe = (edge: string, player: PlayerSession, pool: Pool) => Promise<boolean>;

async function spinIsTurbo(edge: string, player: PlayerSession, pool: Pool): Promise<boolean> {
  const response = await request(new URL('/games/slot/spin', edge), {
    method: 'POST',
    headers: { authorization: `Bearer ${player.token}`, 'idempotency-key': randomUUID(), 'content-type': 'application/json', 'x-greenlight-pool': pool },
    body: '{"bet":1}',
    headersTimeout: 10_000,
    bodyTimeout: 10_000,
  });
  const text = await response.body.text();
  if (response.statusCode !== 200) throw new DrillError('provider_error', `a spin on ${pool} answered ${response.statusCode}: ${text.slice(0, 200)}`);
  return (JSON.parse(text) as { turbo?: unknown }).turbo === true;
}

export const FLAG_PROBES: Readonly<Record<string, FlagProbe>> = { 'turbo-spin': spinIsTurbo };

export interface FlagObservation extends NewFlag {
  /** GET /flags on every candidate instance, before / after on / after off. */
  liveBefore: boolean[];
  liveOn: boolean[];
  liveOff: boolean[];
  /** Behaviour through the probe, when the flag has one. */
  probe: { off: boolean; on: boolean; offAgain: boolean } | null;
  /** ms from PUT until every candidate instance reported the flag on. */
  effectMs: number | null;
  /** null when the environment cannot tell (no process table). */
  restarted: boolean | null;
}

export interface FlagsObservation {
  candidatePool: Pool;
  candidateManifest: string;
  baselineManifest: string;
  flags: FlagObservation[];
}

const PROPAGATION_LIMIT_MS = 5_000;

async function liveValues(urls: string[], name: string): Promise<boolean[]> {
  return Promise.all(
    urls.map(async (url) => {
      const response = await request(new URL('/flags', url), { headersTimeout: 5_000, bodyTimeout: 5_000 });
      const body = (await response.body.json()) as { flags?: Record<string, boolean> };
      return body.flags?.[name] === true;
    }),
  );
}

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  const deadline = performance.now() + PROPAGATION_LIMIT_MS;
  let value = await read();
  while (!done(value) && performance.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    value = await read();
  }
  return value;
}

async function pidsOf(ctx: RunContext, pool: Pool): Promise<string | null> {
  const http = requireEnv(ctx).controls.http as LocalHttpAccess | undefined;
  if (!http?.adminUrl) return null;
  const state = await new ReplicaAdminClient(http.adminUrl).call<ReplicaState>('GET', '/state');
  return JSON.stringify(state.processes.filter((p) => p.id.startsWith(`api-${pool}-`)).map((p) => [p.id, p.pid]));
}

/** Every flag new in the candidate: off by default, on without a restart, and off again restores the old behaviour. */
export async function runFlagsDrill(ctx: RunContext, candidatePool: Pool): Promise<FlagsObservation> {
  const env = requireEnv(ctx);
  const access = control<ApiAdminAccess>(env, 'feature-flags');
  const instances = env.urls.api?.[candidatePool] ?? [];
  if (instances.length === 0) throw new DrillError('capability_missing', `the environment lists no api instances in pool ${candidatePool}`);
  if (!ctx.release.baseline) throw new DrillError('capability_missing', 'no baseline release: new flags are the candidate manifest minus the baseline one');
  const candidateManifest = manifestPath(ctx.release.candidate);
  const baselineManifest = manifestPath(ctx.release.baseline);
  const found = newFlags(readManifestFlags(candidateManifest), readManifestFlags(baselineManifest));
  const [player] = found.some((f) => FLAG_PROBES[f.name]) ? await makePlayers(env, 1) : [];
  const flags: FlagObservation[] = [];
  for (const flag of found) {
    const put = (enabled: boolean) => adminCall(access, 'PUT', `/admin/flags/${encodeURIComponent(flag.name)}`, { enabled });
    const liveBefore = await liveValues(instances, flag.name);
    const restore = ctx.cleanup.register(`rollout: flag ${flag.name} back`, async () => void (await put(liveBefore.every(Boolean))));
    try {
      const probe = FLAG_PROBES[flag.name];
      const pidsBefore = await pidsOf(ctx, candidatePool);
      const off = probe && player ? await probe(env.urls.edge, player, candidatePool) : undefined;
      const started = performance.now();
      await put(true);
      const liveOn = await until(() => liveValues(instances, flag.name), (v) => v.every(Boolean));
      const effectMs = liveOn.every(Boolean) ? Math.round(performance.now() - started) : null;
      const on = probe && player ? await until(() => probe(env.urls.edge, player, candidatePool), Boolean) : undefined;
      await put(false);
      const liveOff = await until(() => liveValues(instances, flag.name), (v) => !v.some(Boolean));
      const offAgain = probe && player ? await until(() => probe(env.urls.edge, player, candidatePool), (v) => !v) : undefined;
      const pidsAfter = await pidsOf(ctx, candidatePool);
      flags.push({
        ...flag,
        liveBefore,
        liveOn,
        liveOff,
        probe: off === undefined ? null : { off, on: on === true, offAgain: offAgain === true },
        effectMs,
        restarted: pidsBefore === null || pidsAfter === null ? null : pidsBefore !== pidsAfter,
      });
    } finally {
      await restore.run();
    }
  }
  return { candidatePool, candidateManifest, baselineManifest, flags };
}
