import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { processJourney, type JourneySpec } from './previous-release-journey.ts';

const FAKE_API = fileURLToPath(new URL('./testdata/fake-api/main.mjs', import.meta.url));
const spec = (env: Record<string, string>): JourneySpec => ({
  command: ['${node}', FAKE_API], env: { DATABASE_URL: '${database}', ...env }, steps: ['register'], readyTimeoutMs: 10_000, requestTimeoutMs: 5_000,
});
const run = (env: Record<string, string>) => processJourney(spec(env), { node: process.execPath }, AbortSignal.timeout(30_000))('postgres://clone/db');

describe('processJourney (the previous release on the migrated clone)', () => {
  it('passes when the old api starts and the journey succeeds', async () => {
    expect(await run({})).toEqual({ ok: true, failures: [] });
  });

  it('fails naming the step when the old api breaks on the new schema', async () => {
    const result = await run({ REGISTER_STATUS: '500' });
    expect(result.ok).toBe(false);
    expect(result.failures[0]).toMatch(/^register: POST \/auth\/register answered 500/);
  });

  it('fails when the old api cannot even start', async () => {
    const result = await run({ EXIT_EARLY: '1' });
    expect(result.ok).toBe(false);
    expect(result.failures[0]).toContain('could not be started on the migrated schema');
    expect(result.failures[0]).toContain('cannot connect to the database');
  });
});
