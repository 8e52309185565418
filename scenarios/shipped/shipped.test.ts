import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkLedgerInvariants } from '../../fixtures/platform/db/invariants.ts';
import { startStack, type Stack } from '../../fixtures/platform/test/stack.ts';
import { runLoad } from '../engine/run-load.ts';
import { scenarioSchema } from '../model/scenario.ts';
import { SHIPPED_SCENARIO_INPUTS, SHIPPED_SCENARIOS } from './index.ts';

let stack: Stack | undefined;
beforeAll(async () => {
  stack = await startStack({ duplicateRate: 0 });
}, 60_000);
afterAll(async () => {
  await stack?.stop();
});

/** The shipped flows at a short constant rate: proves every step talks the platform's API correctly. */
function shortened(name: keyof typeof SHIPPED_SCENARIO_INPUTS) {
  const full = SHIPPED_SCENARIOS[name]();
  return scenarioSchema.parse({ ...SHIPPED_SCENARIO_INPUTS[name], executor: { executor: 'constant-arrival-rate', rate: 8, duration: '2s', preAllocatedVUs: 6, maxVUs: 40, gracefulStop: '10s' }, thresholds: full.thresholds });
}

describe('shipped scenarios against the reference platform', () => {
  it.each(Object.keys(SHIPPED_SCENARIO_INPUTS) as Array<keyof typeof SHIPPED_SCENARIO_INPUTS>)('%s: every step answers as expected and the ledger reconciles', async (name) => {
    const result = await runLoad({ scenario: shortened(name), baseUrl: stack!.api.url });
    const failed = result.registry.aggregate({ name: 'http_req_failed', tags: {} }, 'rate');
    const byStep = Object.fromEntries(
      result.registry.snapshot().series.filter((s) => s.name === 'http_reqs').map((s) => [`${s.tags['flow']}/${s.tags['step']}/${s.tags['status']}`, s.sink.type === 'counter' ? s.sink.sum : 0]),
    );
    expect(failed, JSON.stringify(byStep)).toBe(0);
    expect(result.registry.aggregate({ name: 'checks', tags: {} }, 'rate')).toBe(1);
    expect(result.totals).toMatchObject({ scheduled: 16, dropped: 0 });
    const invariants = await checkLedgerInvariants(stack!.db.url);
    expect(invariants).toMatchObject({ ok: true });
  });
});
