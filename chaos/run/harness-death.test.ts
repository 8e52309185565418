import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reapLeftovers } from '../../core/cleanup/reap.ts';
import type { LocalHttpAccess } from '../../staging/local/provider.ts';
import { shippedExperiment } from '../config.ts';
import { evaluateExperiment } from '../evaluate.ts';
import { localInjector } from '../local/injector.ts';
import { startLocalEnv } from '../testing/local-env.ts';
import { runExperiment } from './run-experiment.ts';

let env: Awaited<ReturnType<typeof startLocalEnv>>;
const children: ChildProcess[] = [];
const script = fileURLToPath(new URL('../testing/inject-and-hang.ts', import.meta.url));

beforeAll(async () => {
  env = await startLocalEnv('chaos-partition');
});
afterAll(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await env?.faults.clearAll().catch(() => undefined);
  await env?.dispose();
});

/** Starts a stand-in harness that injects a partition with this TTL and hangs; resolves with the child and the fault id. */
async function injectFromChild(runId: string, ttlMs: number): Promise<{ child: ChildProcess; id: string }> {
  const { adminUrl } = env.ctx.env!.controls.http as LocalHttpAccess;
  const child = spawn(process.execPath, [script, adminUrl, env.ctx.stateDir, runId, String(ttlMs)], { stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  let out = '';
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  await expect.poll(() => out, { timeout: 15_000, interval: 50 }).toMatch(/INJECTED \S+/);
  return { child, id: /INJECTED (\S+)/.exec(out)![1]! };
}

async function sigkill(child: ChildProcess): Promise<void> {
  child.kill('SIGKILL');
  if (child.exitCode === null && child.signalCode === null) await once(child, 'exit');
}

describe('faults outlive nobody', () => {
  it('a SIGKILLed harness leaves no fault active after its TTL (the supervisor enforces it)', async () => {
    const { child, id } = await injectFromChild('sigkill-ttl', 2_000);
    await sigkill(child);
    expect((await env.faults.active()).map((f) => f.id)).toContain(id);
    await expect.poll(async () => (await env.faults.active()).map((f) => f.id), { timeout: 5_000, interval: 100 }).not.toContain(id);
  });

  it('greenlight cleanup removes a crashed harness\'s fault by run id, before its TTL', async () => {
    const { child, id } = await injectFromChild('sigkill-reap', 600_000);
    await sigkill(child);
    expect((await env.faults.active()).map((f) => f.id)).toContain(id);
    const [reaped] = await reapLeftovers({ stateDir: env.ctx.stateDir, runId: 'sigkill-reap' });
    expect(reaped).toMatchObject({ runId: 'sigkill-reap', ownerAlive: false, failed: [] });
    expect(reaped!.removed).toEqual([expect.stringMatching(new RegExp(`^DELETE http://127\\.0\\.0\\.1:\\d+/faults/${id}$`))]);
    expect((await env.faults.active()).map((f) => f.id)).not.toContain(id);
  });
});

describe('shipped experiment on the local replica, good release', () => {
  it('database-partition: the api recovers by itself after 6 s cut off from PostgreSQL, ledger intact', async () => {
    const result = await runExperiment({ ctx: env.ctx, experiment: shippedExperiment('database-partition'), injector: localInjector(env.ctx) });
    expect(evaluateExperiment(result).filter((c) => c.blocking && c.status !== 'pass').map((c) => `${c.id}: ${c.message}`)).toEqual([]);
    if (result.status !== 'completed') throw new Error(result.status);
    expect(result.faults[0]!.removedAtMs! - result.faults[0]!.injectedAtMs).toBeGreaterThanOrEqual(6_000);
    expect(await env.faults.active()).toEqual([]);
  });
});
