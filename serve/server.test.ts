import { createConnection } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CONFIRM_PROMOTION_PATH, startGateServer, type GateServer } from './server.ts';
import { reportWith, tempRuns } from './testing.ts';

const NOW = new Date('2026-11-27T08:00:00Z');
const minutesAgo = (m: number) => new Date(NOW.getTime() - m * 60_000);

let runs: ReturnType<typeof tempRuns>;
let server: GateServer;
const logged: string[] = [];
beforeEach(async () => {
  runs = tempRuns();
  logged.length = 0;
  server = await startGateServer({ runsDir: runs.runsDir, port: 0, maxAgeMs: 3_600_000, now: () => NOW, log: (l) => logged.push(l) });
});
afterEach(async () => {
  await server.close();
  runs.dispose();
});

const flaggerPayload = (metadata?: Record<string, string>) => JSON.stringify({ name: 'casino-api', namespace: 'casino', phase: 'Promoting', checksum: '6d9b7c', ...(metadata ? { metadata } : {}) });
async function ask(path = CONFIRM_PROMOTION_PATH, init: RequestInit = { method: 'POST', body: flaggerPayload(), headers: { 'content-type': 'application/json' } }) {
  const response = await fetch(`${server.url}${path}`, init);
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('greenlight serve: POST /gate/confirm-promotion (a Flagger webhook)', () => {
  it('200 for a fresh GO', async () => {
    const report = reportWith({ verdict: 'GO', finishedAt: minutesAgo(10) });
    await runs.addRun(report);
    expect(await ask()).toMatchObject({ status: 200, body: { promote: true, reason: 'go', runId: report.runId, verdict: 'GO' } });
    expect(logged.join('\n')).toContain('confirm-promotion casino-api.casino release=latest: 200 go');
  });

  it.each([
    ['NO-GO', { verdict: 'NO-GO', finishedAt: minutesAgo(10) }, 'verdict_not_go'],
    ['INCONCLUSIVE', { verdict: 'INCONCLUSIVE', finishedAt: minutesAgo(10) }, 'verdict_not_go'],
    ['a stale GO', { verdict: 'GO', finishedAt: minutesAgo(61) }, 'report_stale'],
  ] as const)('403 for %s', async (_name, patch, reason) => {
    await runs.addRun(reportWith(patch));
    expect(await ask()).toMatchObject({ status: 403, body: { promote: false, reason } });
  });

  it('403 when no run has finished', async () => {
    expect(await ask()).toMatchObject({ status: 403, body: { promote: false, reason: 'report_missing' } });
  });

  it.each([
    ['corrupt JSON', '{"schema":"greenlight.report/v1","verdict":"GO",'],
    ['a newer report schema', JSON.stringify({ ...reportWith({ verdict: 'GO', finishedAt: minutesAgo(1) }), schema: 'greenlight.report/v9' })],
    ['an empty file', ''],
  ])('403 for %s, never 200', async (_name, text) => {
    await runs.addRawRun('20261127-075900-abcd', text);
    expect(await ask()).toMatchObject({ status: 403, body: { promote: false, reason: 'report_invalid' } });
  });

  it('answers for the release named in metadata.release, not for whatever ran last', async () => {
    await runs.addRun(reportWith({ verdict: 'GO', finishedAt: minutesAgo(20), release: '1.5.0' }));
    await runs.addRun(reportWith({ verdict: 'NO-GO', finishedAt: minutesAgo(10), release: '1.6.0' }));
    const post = (release: string) => ask(CONFIRM_PROMOTION_PATH, { method: 'POST', body: flaggerPayload({ release }) });
    expect(await post('1.5.0')).toMatchObject({ status: 200, body: { release: '1.5.0' } });
    expect(await post('1.6.0')).toMatchObject({ status: 403, body: { reason: 'verdict_not_go' } });
    expect(await post('1.7.0')).toMatchObject({ status: 403, body: { reason: 'report_missing' } });
    expect(await ask()).toMatchObject({ status: 403, body: { reason: 'verdict_not_go', release: '1.6.0' } });
  });

  it('GET for humans, with ?release=', async () => {
    await runs.addRun(reportWith({ verdict: 'GO', finishedAt: minutesAgo(5) }));
    expect(await ask(CONFIRM_PROMOTION_PATH, {})).toMatchObject({ status: 200, body: { promote: true } });
    expect(await ask(`${CONFIRM_PROMOTION_PATH}?release=1.5.0`, {})).toMatchObject({ status: 200 });
    expect(await ask(`${CONFIRM_PROMOTION_PATH}?release=1.4.0`, {})).toMatchObject({ status: 403, body: { reason: 'report_missing' } });
  });

  it('400 for a body that is not a Flagger payload', async () => {
    await runs.addRun(reportWith({ verdict: 'GO', finishedAt: minutesAgo(5) }));
    expect(await ask(CONFIRM_PROMOTION_PATH, { method: 'POST', body: 'promote please' })).toMatchObject({ status: 400, body: { promote: false, reason: 'bad_request' } });
    expect(await ask(CONFIRM_PROMOTION_PATH, { method: 'POST', body: flaggerPayload({ release: 'latest' }) })).toMatchObject({ status: 400 });
    expect(await ask(CONFIRM_PROMOTION_PATH, { method: 'POST', body: 'x'.repeat(70_000) })).toMatchObject({ status: 413 });
  });
});

describe('greenlight serve: other routes', () => {
  it('GET /healthz is 200 with or without runs', async () => {
    expect(await ask('/healthz', {})).toEqual({ status: 200, body: { status: 'ok' } });
  });

  it('GET /reports/latest gives the summary, 404 without a run, 422 when unreadable', async () => {
    expect(await ask('/reports/latest', {})).toMatchObject({ status: 404, body: { reason: 'report_missing' } });
    const report = reportWith({ verdict: 'NO-GO', finishedAt: minutesAgo(3) });
    await runs.addRun(report);
    const { status, body } = await ask('/reports/latest', {});
    expect(status).toBe(200);
    expect(body).toMatchObject({ runId: report.runId, verdict: 'NO-GO', exitCode: 1, release: { candidate: '1.5.0', baseline: '1.4.0' }, ageSeconds: 180 });
    expect(body.reasons).toEqual(report.reasons);
    expect(body.stages).toContainEqual({ id: 'load', status: 'failed', checks: expect.any(Number), failed: expect.any(Number) });
    expect(JSON.stringify(body)).not.toContain('s3cr3t');
    await runs.addRawRun('20261127-075959-ffff', '{');
    expect(await ask('/reports/latest', {})).toMatchObject({ status: 422, body: { reason: 'report_invalid' } });
  });

  it('404 for unknown paths, 405 for wrong methods', async () => {
    expect(await ask('/promote', {})).toMatchObject({ status: 404 });
    const response = await fetch(`${server.url}${CONFIRM_PROMOTION_PATH}`, { method: 'DELETE' });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST, GET');
    await response.body?.cancel();
  });
});

describe('greenlight serve: lifecycle', () => {
  it('listens on loopback by default and leaves no listener after close, even with a kept-alive connection', async () => {
    const other = await startGateServer({ runsDir: runs.runsDir, port: 0 });
    expect(other.host).toBe('127.0.0.1');
    const socket = createConnection({ host: '127.0.0.1', port: other.port });
    await new Promise((resolve) => socket.once('connect', resolve));
    const closed = new Promise((resolve) => socket.once('close', resolve));
    await other.close();
    await closed;
    const refused = await new Promise<string>((resolve) => {
      const probe = createConnection({ host: '127.0.0.1', port: other.port });
      probe.once('connect', () => (probe.destroy(), resolve('connected')));
      probe.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
    });
    expect(refused).toBe('ECONNREFUSED');
  });

  it('refuses a port already taken', async () => {
    await expect(startGateServer({ runsDir: runs.runsDir, port: server.port })).rejects.toThrow(/EADDRINUSE/);
  });
});
