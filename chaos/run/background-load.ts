import { runLoad } from '../../scenarios/index.ts';
import { parseScenario } from '../../scenarios/model/parse.ts';
import type { ScenarioInput } from '../../scenarios/index.ts';
import { errorMessage } from '../../core/errors.ts';

export interface BackgroundLoadSettings {
  ratePerSecond: number;
  players: number;
}

/** What the background traffic saw while the faults were active. */
export type BackgroundLoadSummary =
  | { outcome: 'ran'; requests: number; iterations: number; failedRate: number | null; dropped: number; p95Ms: number | null; durationMs: number }
  | { outcome: 'error'; error: string };

/** Logged-in players spinning at a constant arrival rate; each signs up and deposits once on its first iteration. */
export function backgroundScenario(settings: BackgroundLoadSettings, durationMs: number): ScenarioInput {
  const auth = { authorization: 'Bearer {{token}}', 'idempotency-key': '{{uuid}}' };
  return {
    name: 'chaos-background',
    description: `${settings.ratePerSecond} spins/s from ${settings.players} players while faults are active`,
    executor: { executor: 'constant-arrival-rate', rate: settings.ratePerSecond, timeUnit: '1s', duration: `${durationMs}ms`, preAllocatedVUs: settings.players, maxVUs: settings.players * 4, gracefulStop: '5s' },
    variables: { bet: 10 },
    flows: [
      {
        name: 'spin',
        steps: [
          { name: 'register', method: 'POST', path: '/auth/register', json: { username: 'chaos{{vu}}-{{faker.string.alphanumeric(12)}}', password: 'chaos-password-1' }, expectStatus: [201], once: true, extract: { username: 'username' } },
          { name: 'login', method: 'POST', path: '/auth/login', json: { username: '{{username}}', password: 'chaos-password-1' }, expectStatus: [200], once: true, extract: { token: 'token' } },
          { name: 'deposit', method: 'POST', path: '/wallet/deposits', headers: auth, json: { amount: 50_000, card: '4242 4242 4242 4242' }, expectStatus: [201], once: true },
          { name: 'spin', method: 'POST', path: '/games/slot/spin', headers: auth, json: { bet: '{{bet}}' }, expectStatus: [200] },
        ],
      },
    ],
  };
}

/** Starts the background traffic (the scenarios engine, one thread); the promise never rejects. */
export function startBackgroundLoad(options: { settings: BackgroundLoadSettings; durationMs: number; edgeUrl: string; signal: AbortSignal }): Promise<BackgroundLoadSummary> {
  const run = async (): Promise<BackgroundLoadSummary> => {
    const scenario = parseScenario(backgroundScenario(options.settings, options.durationMs), 'chaos background load');
    const result = await runLoad({ scenario, baseUrl: options.edgeUrl, workers: 1, signal: options.signal });
    const metrics = result.registry;
    const spins = { name: 'http_req_duration', tags: { step: 'spin' } };
    return {
      outcome: 'ran',
      requests: metrics.aggregate({ name: 'http_reqs', tags: {} }, 'count') ?? 0,
      iterations: metrics.aggregate({ name: 'iterations', tags: {} }, 'count') ?? 0,
      failedRate: metrics.aggregate({ name: 'http_req_failed', tags: {} }, 'rate') ?? null,
      dropped: result.totals.dropped,
      p95Ms: metrics.aggregate(spins, 'p(95)') ?? null,
      durationMs: Math.round(result.durationMs),
    };
  };
  return run().catch((error: unknown) => ({ outcome: 'error', error: errorMessage(error) }));
}
