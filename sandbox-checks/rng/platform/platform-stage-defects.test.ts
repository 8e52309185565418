import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startService, type RunningService } from '../../../fixtures/platform/test/services.ts';
import { startStack, type Stack } from '../../../fixtures/platform/test/stack.ts';
import type { Environment } from '../../../staging/environment.ts';
import { testRunContext } from '../../payments/testing/context.ts';
import { rngStage } from './platform-stage.ts';

const SEED = '00112233445566778899aabbccddeeff';
const environment = (stack: Stack, rng: string[], controls: Environment['controls'] = {}): Environment => ({
  provider: 'test',
  urls: { edge: stack.api.url, rng },
  capabilities: new Set(['rng-raw-output']),
  releases: {},
  controls,
});
const statuses = (checks: { id: string; status: string }[]) => Object.fromEntries(checks.map((c) => [c.id, c.status]));

describe('rngStage against known-bad RNG setups', () => {
  let stack: Stack;
  const seeded = new Map<string, RunningService>();
  beforeAll(async () => {
    stack = await startStack({ defects: 'biased-rng-mapping' });
    for (const id of ['rng-a', 'rng-b']) seeded.set(id, await startService('rng', { INSTANCE_ID: id, RNG_SEED: SEED }));
  }, 30_000);
  afterAll(async () => {
    for (const service of seeded.values()) await service.stop();
    await stack?.stop();
  });

  it('DEFECTS=biased-rng-mapping: the reel stops of played spins fail, and so does the battery', async () => {
    const config = rngStage.configSchema.parse({ rawBytes: 12_500, ranges: [[0, 31]], outcomes: 2_000, rtp: { modes: ['play'], spins: 500, concurrency: 16 } });
    const checks = rngStage.evaluate(config, await rngStage.run(testRunContext(environment(stack, [stack.rng.url])), config));
    const stops = checks.find((c) => c.id === 'rng.spin-stops-extreme-cell')!;
    expect(stops).toMatchObject({ status: 'fail', blocking: true, reason: 'threshold_breached', statistics: { sampleSize: 1_500, confidence: 0.99 } });
    expect(checks.find((c) => c.id === 'rng.battery')).toMatchObject({ status: 'fail' });
    expect(checks.find((c) => c.id === 'rng.battery')!.message).toContain('spin-stops-extreme-cell');
    // The rng service's own mapping is sound: the defect is in the api's scaling, which only the spins show.
    expect(statuses(checks)).toMatchObject({ 'rng.outcomes-0-31-extreme-cell': 'pass', 'rng.restart-independence': 'skipped' });
  }, 40_000);

  it('a constant seed: two instances emit the same stream and a restart replays it', async () => {
    const restart = async (id: string) => {
      const old = seeded.get(id)!;
      await old.stop();
      seeded.set(id, await startService('rng', { INSTANCE_ID: id, PORT: String(old.port), RNG_SEED: SEED }));
    };
    const env = environment(stack, [seeded.get('rng-a')!.url, seeded.get('rng-b')!.url], { 'process-faults': { restart } });
    const config = rngStage.configSchema.parse({ rawBytes: 4_000, ranges: [[0, 36]], outcomes: 1_000, restarts: 1, rtp: { modes: ['simulate'], simulatedSpins: 2_000 } });
    const checks = rngStage.evaluate(config, await rngStage.run(testRunContext(env), config));
    expect(statuses(checks)).toMatchObject({ 'rng.cross-instance-independence': 'fail', 'rng.restart-independence': 'fail', 'rng.battery': 'fail' });
    expect(checks.find((c) => c.id === 'rng.rtp.simulated')).toBeDefined();
  }, 30_000);
});
