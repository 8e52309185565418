import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../core/exit-codes.ts';
import { chaosConfigSchema } from '../config.ts';
import { chaosStage } from '../stage.ts';
import { chaosRun } from './chaos-run.ts';

const stateDir = mkdtempSync(join(tmpdir(), 'gl-chaos-cli-'));
afterAll(() => rmSync(stateDir, { recursive: true, force: true }));

function sink() {
  let text = '';
  return { write: (chunk: string) => void (text += chunk), get text() { return text; } };
}

describe('chaosStage', () => {
  it('describes and plans itself from its config before anything runs', () => {
    const config = chaosConfigSchema.parse({ experiments: ['rng-outage', 'database-partition'], durationScale: 2 });
    expect(chaosStage.id).toBe('chaos');
    expect(chaosStage.describe(config)).toBe('2 experiment(s): rng-outage, database-partition, stretched ×2');
    const plan = chaosStage.plan(config);
    expect(plan.map((s) => s.title)).toEqual(['chaos rng-outage: RNG outage: spins fail cleanly and no money moves', 'chaos database-partition: A 6 s partition between api and PostgreSQL']);
    expect(plan[1]!.detail).toMatch(/partition of api->postgres for 12000 ms/);
  });

  it('an experiment the stage never reached is inconclusive, not missing', () => {
    const config = chaosConfigSchema.parse({ experiments: ['rng-outage'] });
    expect(chaosStage.evaluate(config, { results: [] })).toMatchObject([{ id: 'chaos.rng-outage.run', status: 'inconclusive', reason: 'no_data' }]);
  });
});

describe('chaosRun (greenlight chaos run)', () => {
  it('refuses unknown experiments and bad scales with exit 64, naming them', async () => {
    const stderr = sink();
    expect(await chaosRun({ experiment: ['rng-outage', 'meteor'], durationScale: 0.5, stateDir, stdout: sink(), stderr })).toBe(EXIT.USAGE);
    expect(stderr.text).toMatch(/<experiment>\[1\]: .*\(expected api-instance-kill, database-latency/);
    expect(stderr.text).toMatch(/--duration-scale: Too small/);
  });

  it('runs an experiment on a fresh local replica and exits 0 on the good release, with a report', async () => {
    const stdout = sink();
    const stderr = sink();
    const code = await chaosRun({ experiment: 'rng-outage', stateDir, stdout, stderr });
    expect(stdout.text).toMatch(/PASS\s+chaos\.rng-outage\.during\.spins-refused-cleanly/);
    expect(stdout.text).toMatch(/PASS\s+chaos\.rng-outage\.money/);
    expect(stdout.text).toMatch(/verdict: GO \(exit 0\)/);
    expect(code).toBe(EXIT.GO);
    const runs = readdirSync(join(stateDir, 'runs')).filter((name) => name !== 'latest');
    expect(runs).toHaveLength(1);
    expect(readFileSync(join(stateDir, 'runs', 'latest', 'report.json'), 'utf8')).toBe(readFileSync(join(stateDir, 'runs', runs[0]!, 'report.json'), 'utf8'));
    const report = JSON.parse(readFileSync(join(stateDir, 'runs', runs[0]!, 'report.json'), 'utf8'));
    expect(report.verdict).toBe('GO');
    expect(report.cleanup.status).toBe('clean');
    const leases = join(stateDir, 'leases');
    expect(existsSync(leases) ? readdirSync(leases) : []).toEqual([]);
  });
});
