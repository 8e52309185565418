import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseScenario } from '../model/parse.ts';
import { startLoopbackServer, type LoopbackServer } from '../testing/loopback-server.ts';
import { runLoad } from './run-load.ts';

let server: LoopbackServer;
let slow: LoopbackServer;
beforeAll(async () => {
  server = await startLoopbackServer();
  slow = await startLoopbackServer((_req, _body, res) => void setTimeout(() => res.writeHead(200).end('ok'), 300));
});
afterAll(async () => {
  await server?.close();
  await slow?.close();
});

const oneStep = (executor: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  parseScenario({ name: 't', executor, flows: [{ name: 'f', steps: [{ name: 'get', path: '/' }] }], ...extra });
const count = (result: Awaited<ReturnType<typeof runLoad>>, name: string) => result.registry.aggregate({ name, tags: {} }, 'count');

describe('embedded engine, open model', () => {
  it('keeps the arrival rate: every scheduled arrival is sent', async () => {
    const before = server.requests();
    const result = await runLoad({ scenario: oneStep({ executor: 'constant-arrival-rate', rate: 200, duration: '2s', preAllocatedVUs: 20, maxVUs: 200 }), baseUrl: server.url });
    expect(result.totals).toEqual({ scheduled: 400, started: 400, dropped: 0 });
    expect(count(result, 'http_reqs')).toBe(400);
    expect(server.requests() - before).toBe(400);
    expect(result.registry.aggregate({ name: 'http_req_failed', tags: {} }, 'rate')).toBe(0);
    expect(result.registry.aggregate({ name: 'http_reqs', tags: { status: '200' } }, 'count')).toBe(400);
    expect(count(result, 'dropped_iterations')).toBe(0);
    expect(result.registry.samples({ name: 'dropped_iterations', tags: {} })).toBeGreaterThan(0);
    expect(result.durationMs).toBeGreaterThan(1_900);
    expect(result.durationMs).toBeLessThan(5_000);
    const busySeconds = result.timeline.filter((p) => p.t < 3);
    expect(busySeconds.reduce((sum, p) => sum + p.requests, 0)).toBeGreaterThanOrEqual(380);
    expect(result.health.sendLagMs?.samples).toBe(400);
  });

  it('counts dropped iterations when maxVUs cannot cover the rate', async () => {
    const result = await runLoad({ scenario: oneStep({ executor: 'constant-arrival-rate', rate: 50, duration: '1s', preAllocatedVUs: 3, maxVUs: 3, gracefulStop: '2s' }), baseUrl: slow.url });
    expect(result.totals.scheduled).toBe(50);
    expect(result.totals.started + result.totals.dropped).toBe(50);
    expect(result.totals.dropped).toBeGreaterThanOrEqual(30);
    expect(count(result, 'dropped_iterations')).toBe(result.totals.dropped);
    expect(result.timeline.reduce((sum, p) => sum + p.dropped, 0)).toBe(result.totals.dropped);
  });

  it('measures latency from the intended send time while the server stalls (no coordinated omission)', async () => {
    // R = 200/s, T = 4 s, a stall of S ≈ 1 s: p99 ≈ S − (1 − 0.99)·T, max ≈ S (S as actually held).
    const run = runLoad({ scenario: oneStep({ executor: 'constant-arrival-rate', rate: 200, duration: '4s', preAllocatedVUs: 50, maxVUs: 600 }), baseUrl: server.url });
    await new Promise((r) => setTimeout(r, 1_100));
    server.freeze();
    const frozeAt = performance.now();
    await new Promise((r) => setTimeout(r, 1_000));
    server.unfreeze();
    const stallMs = performance.now() - frozeAt;
    const result = await run;
    const truthP99 = stallMs - 0.01 * 4_000;
    const at = (method: 'p(50)' | 'p(99)' | 'max') => result.registry.aggregate({ name: 'http_req_duration', tags: {} }, method)!;
    expect(result.totals.dropped).toBe(0);
    expect(at('p(99)')).toBeGreaterThan(truthP99 * 0.85);
    // Upper bounds leave room for a busy shared machine; a client with coordinated omission would be near 0.
    expect(at('p(99)')).toBeLessThan(truthP99 * 1.3);
    expect(at('max')).toBeGreaterThan(stallMs * 0.95);
    expect(at('max')).toBeLessThan(stallMs * 1.5);
    expect(at('p(50)')).toBeLessThan(100);
  });

  it('refuses targets off the loopback interface', async () => {
    await expect(runLoad({ scenario: oneStep({ executor: 'constant-arrival-rate', rate: 1, duration: '1s', preAllocatedVUs: 1 }), baseUrl: 'http://example.com' })).rejects.toThrow(/only loopback targets/);
  });
});

describe('worker threads', () => {
  it('give the same counts as one thread after merging', async () => {
    const shared = oneStep({ executor: 'shared-iterations', vus: 10, iterations: 300 });
    const [one, two] = [await runLoad({ scenario: shared, baseUrl: server.url, workers: 1 }), await runLoad({ scenario: shared, baseUrl: server.url, workers: 2 })];
    expect(count(one, 'http_reqs')).toBe(300);
    expect(count(two, 'http_reqs')).toBe(300);
    expect(count(two, 'iterations')).toBe(count(one, 'iterations'));
    expect(two.health.threads).toBe(2);
    expect(two.registry.samples({ name: 'http_req_duration', tags: {} })).toBe(300);

    const open = await runLoad({ scenario: oneStep({ executor: 'constant-arrival-rate', rate: 100, duration: '1s', preAllocatedVUs: 10, maxVUs: 400 }), baseUrl: server.url, workers: 2 });
    expect(open.totals).toEqual({ scheduled: 100, started: 100, dropped: 0 });
    expect(count(open, 'http_reqs')).toBe(100);
    expect(open.vusMax).toBeGreaterThanOrEqual(10);
  });

  it('stop the whole run when one thread sees an abortOnFail threshold fail', async () => {
    const scenario = parseScenario({
      name: 'abort',
      executor: { executor: 'constant-arrival-rate', rate: 100, duration: '10s', preAllocatedVUs: 10, maxVUs: 50, gracefulStop: '1s' },
      flows: [{ name: 'f', steps: [{ name: 'fail', path: '/status/503' }] }],
      thresholds: { http_req_failed: [{ threshold: 'rate<0.5', abortOnFail: true }] },
    });
    const result = await runLoad({ scenario, baseUrl: server.url, workers: 2 });
    expect(result.aborted).toMatchObject({ by: 'threshold', thresholds: ['http_req_failed:rate<0.5'] });
    expect(result.durationMs).toBeLessThan(6_000);
    expect(result.totals.scheduled).toBeLessThan(600);
  });
});
