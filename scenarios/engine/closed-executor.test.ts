import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseScenario } from '../model/parse.ts';
import { startLoopbackServer, type LoopbackServer } from '../testing/loopback-server.ts';
import { runLoad } from './run-load.ts';

let server: LoopbackServer;
let refuseLogins = 0;
beforeAll(async () => {
  server = await startLoopbackServer((req, body, res) => {
    if (req.url === '/login' && refuseLogins > 0 && refuseLogins--) return void res.writeHead(503).end();
    if (req.url === '/login') return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ token: `t-${JSON.parse(body).user}` }));
    if (req.url === '/me') return void res.writeHead(req.headers.authorization?.startsWith('Bearer t-') ? 200 : 401).end();
    res.writeHead(200).end();
  });
});
afterAll(() => server?.close());

const flows = [
  {
    name: 'player',
    steps: [
      { name: 'login', method: 'POST', path: '/login', json: { user: 'u{{vu}}' }, extract: { token: 'token' }, once: true },
      { name: 'me', path: '/me', headers: { authorization: 'Bearer {{token}}' }, expectStatus: [200] },
    ],
  },
];
const run = (executor: Record<string, unknown>) => runLoad({ scenario: parseScenario({ name: 'closed', executor, flows }), baseUrl: server.url });
const count = (result: Awaited<ReturnType<typeof run>>, name: string, tags: Record<string, string> = {}) => result.registry.aggregate({ name, tags }, 'count');

describe('closed-model executors (k6 semantics)', () => {
  it('per-vu-iterations: vus × iterations, the once-step only in each VU’s first iteration, values extracted', async () => {
    const result = await run({ executor: 'per-vu-iterations', vus: 3, iterations: 4 });
    expect(count(result, 'iterations')).toBe(12);
    expect(count(result, 'http_reqs', { step: 'login' })).toBe(3);
    expect(count(result, 'http_reqs', { step: 'me' })).toBe(12);
    expect(result.registry.aggregate({ name: 'checks', tags: {} }, 'rate')).toBe(1);
    expect(result.totals.dropped).toBe(0);
  });

  it('retries once-steps in later iterations until they have succeeded', async () => {
    refuseLogins = 1;
    const result = await run({ executor: 'per-vu-iterations', vus: 1, iterations: 3 });
    expect(count(result, 'http_reqs', { step: 'login' })).toBe(2);
    expect(count(result, 'http_reqs', { step: 'me' })).toBe(2);
    expect(count(result, 'iterations_interrupted')).toBe(1);
  });

  it('shared-iterations: the iterations are shared; unstarted ones at maxDuration are dropped', async () => {
    const result = await run({ executor: 'shared-iterations', vus: 4, iterations: 50 });
    expect(count(result, 'iterations')).toBe(50);
    const slow = await runLoad({
      scenario: parseScenario({ name: 'slow', executor: { executor: 'shared-iterations', vus: 1, iterations: 1000, maxDuration: '300ms', gracefulStop: '1s' }, flows: [{ name: 'f', steps: [{ name: 'nap', path: '/', thinkTime: '50ms' }] }] }),
      baseUrl: server.url,
    });
    expect(slow.totals.dropped).toBeGreaterThan(900);
    expect(count(slow, 'dropped_iterations')).toBe(slow.totals.dropped);
  });

  it('constant-vus and ramping-vus run for their duration with the VUs asked for', async () => {
    const constant = await run({ executor: 'constant-vus', vus: 5, duration: '1s' });
    expect(constant.vusMax).toBe(5);
    expect(count(constant, 'iterations')).toBeGreaterThan(20);
    expect(constant.durationMs).toBeLessThan(3_000);
    const ramping = await run({ executor: 'ramping-vus', startVUs: 0, stages: [{ duration: '500ms', target: 6 }, { duration: '500ms', target: 0 }], gracefulRampDown: '1s' });
    expect(ramping.vusMax).toBeGreaterThanOrEqual(5);
    expect(ramping.vusMax).toBeLessThanOrEqual(7);
    expect(count(ramping, 'iterations')).toBeGreaterThan(5);
  });
});
