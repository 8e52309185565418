import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { NetworkFaultControls } from '../staging/local/controls.ts';
import { runBlueGreenDrill } from './blue-green/drill.ts';
import { runCanaryDrill } from './canary/drill.ts';
import { rolloutRun } from './cli.ts';
import { rolloutConfigSchema } from './config.ts';
import { weightsFor } from './drill-support.ts';
import { blueGreenChecks } from './evaluate/blue-green.ts';
import { canaryChecks } from './evaluate/canary.ts';
import { startTestEnvironment, type TestEnvironment } from './testing/context.ts';

// One file on purpose: the real-replica runs go one after another, so the latency comparisons do not compete
// with each other for this machine's two cores.
const root = mkdtempSync(join(tmpdir(), 'gl-rollout-e2e-'));
const config = rolloutConfigSchema.parse({ blueGreen: { phaseMs: 1_500, smoke: false } });
const pools = { baseline: 'blue', candidate: 'green' } as const;
let bad: TestEnvironment | undefined;
afterAll(async () => {
  await bad?.close();
  rmSync(root, { recursive: true, force: true });
});

describe('greenlight rollout on the good release (all drills, real replica)', () => {
  it('passes every drill: GO, exit 0, report written, cleanup clean', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await rolloutRun({
      cwd: root,
      config: { blueGreen: { phaseMs: 1_500 }, readOnly: { windowMs: 2_000 } },
      stdout: { write: (s: string) => out.push(s) },
      stderr: { write: (s: string) => err.push(s) },
    });
    const text = out.join('');
    expect(text, `${text}\n${err.join('')}`).toMatch(/verdict: GO \(exit 0\)/);
    expect(code).toBe(0);
    for (const id of [
      'rollout.canary', 'rollout.blue-green.smoke-before', 'rollout.blue-green.switch.failed-requests', 'rollout.blue-green.smoke-after', 'rollout.blue-green.rollback.time',
      'rollout.flags.turbo-spin.default-off', 'rollout.flags.turbo-spin.on-without-restart', 'rollout.flags.turbo-spin.off-restores',
      'rollout.read-only.writes-refused', 'rollout.read-only.reads-served', 'rollout.read-only.ledger', 'rollout.read-only.recovered',
      'rollout.maintenance.notice.25hbefore', 'rollout.maintenance.notice.24hbefore', 'rollout.maintenance.notice.1hbefore',
    ]) {
      expect(text).toMatch(new RegExp(`PASS\\s+${id.replace(/\./g, '\\.')}:`));
    }
    const runDir = /report in (\S+)/.exec(text)![1]!;
    const report = JSON.parse(readFileSync(join(runDir, 'report.json'), 'utf8'));
    expect(report.cleanup.status).toBe('clean');
    const summary = report.stages.find((s: { id: string }) => s.id === 'rollout').summary;
    expect(summary.maintenance.observed.bannerCheckedWith).toMatch(/browser|http/);
  }, 150_000);
});

describe('a candidate whose spins are 30% slower (DEFECTS=slow-spin on green)', () => {
  it('fails the canary at the first step with enough samples and rolls the weight back to 0', async () => {
    bad = await startTestEnvironment('rollout-bad', { defects: { green: ['slow-spin'] } });
    const observed = await runCanaryDrill(bad.ctx, pools, config.canary, config.traffic);
    const firstDecided = observed.steps.find((s) => s.verdict !== 'inconclusive');
    const trail = JSON.stringify(observed.steps.map((s) => [s.weight, s.verdict, s.comparisons.map((c) => c.message)]));
    expect(firstDecided?.verdict, trail).toBe('fail');
    expect(firstDecided!.comparisons[0]).toMatchObject({ metric: 'latency', classification: 'high' });
    expect(observed.steps.at(-1)).toBe(firstDecided);
    expect(observed.rollback?.weightsAfter).toEqual({ blue: 100, green: 0, canary: 0 });
    expect(observed.rollback?.candidateServedAfter).toBe(0);
    const checks = canaryChecks(config.canary, observed);
    expect(checks.find((c) => c.id === 'rollout.canary')).toMatchObject({ status: 'fail', reason: 'regression', blocking: true });
    expect(checks.find((c) => c.id === 'rollout.canary.rollback')).toMatchObject({ status: 'pass' });
  }, 90_000);

  it('a switch that drops requests (edge→green link reset during the switch) fails the blue-green drill', async () => {
    const faults = bad!.env.controls['network-faults'] as NetworkFaultControls;
    const observed = await runBlueGreenDrill(bad!.ctx, pools, config.blueGreen, config.traffic, {
      switchTo: async (routing, to) => {
        await faults.inject({ link: 'edge->api-green-1', kind: 'reset', params: {}, ttlMs: 1_000 });
        await routing.setWeights(weightsFor(to, 100, 'blue'));
      },
    });
    expect(observed.switch.failed).toBeGreaterThan(0);
    expect(observed.rollback?.failed).toBe(0);
    const checks = blueGreenChecks(config.blueGreen, observed);
    expect(checks.find((c) => c.id === 'rollout.blue-green.switch.failed-requests')).toMatchObject({ status: 'fail', blocking: true });
    expect(checks.find((c) => c.id === 'rollout.blue-green.rollback.failed-requests')).toMatchObject({ status: 'pass' });
  }, 60_000);
});
