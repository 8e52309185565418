import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLoopbackServer, type LoopbackServer } from '../testing/loopback-server.ts';
import { loadUrl } from './load-url.ts';
import { renderLoad } from './render-load.ts';

const sink = () => {
  const chunks: string[] = [];
  return { write: (chunk: string) => chunks.push(chunk), text: () => chunks.join('') };
};

let server: LoopbackServer;
let dir: string;
beforeAll(async () => {
  server = await startLoopbackServer();
  dir = mkdtempSync(join(tmpdir(), 'greenlight-load-cli-'));
});
afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('greenlight load url', () => {
  it('prints percentiles, counts and dropped, and exits 0 on a clean run', async () => {
    const stdout = sink();
    const code = await loadUrl({ url: `${server.url}/`, rate: '100', duration: '1s', stdout, stderr: sink() });
    expect(stdout.text()).toMatch(/requests\s+100 .*failed 0 .*dropped 0/);
    expect(stdout.text()).toMatch(/latency ms p50 [\d.]+ {2}p90 [\d.]+ {2}p95 [\d.]+ {2}p99 [\d.]+ {2}p99\.9 [\d.]+ {2}max [\d.]+/);
    expect([0, 2]).toContain(code); // 2 only when this shared machine starved the generator
  });

  it('--json prints a machine summary with k6 metric names; failures exit 1', async () => {
    const stdout = sink();
    const code = await loadUrl({ url: `${server.url}/status/500`, rate: 50, duration: '1s', method: 'post', json: true, stdout, stderr: sink() });
    const summary = JSON.parse(stdout.text());
    expect(summary.metrics.http_reqs.count).toBe(50);
    expect(summary.metrics.http_req_failed.rate).toBe(1);
    expect(summary.metrics.dropped_iterations.count).toBe(0);
    expect(Object.keys(summary.metrics.http_req_duration)).toEqual(['avg', 'p(50)', 'p(90)', 'p(95)', 'p(99)', 'p(99.9)', 'max']);
    expect(summary.timeline.length).toBeGreaterThan(0);
    expect([1, 2]).toContain(code);
  });

  it.each([
    [{ url: 'http://example.com/', rate: 10, duration: '1s' }, /url: only loopback targets/],
    [{ url: 'nope', rate: 10, duration: '1s' }, /url: not a URL/],
    [{ url: 'http://127.0.0.1:1/', rate: 'fast', duration: 'soon', method: 'FETCH' }, /--rate[\s\S]*--duration[\s\S]*--method/],
  ])('unusable input %j exits 64 naming every problem', async (input, message) => {
    const stderr = sink();
    expect(await loadUrl({ ...input, stdout: sink(), stderr })).toBe(64);
    expect(stderr.text()).toMatch(message);
  });
});

describe('greenlight load render', () => {
  it('writes a k6 script or k6-operator manifests', async () => {
    const stdout = sink();
    expect(await renderLoad({ scenario: 'steady-mix', backend: 'k6', stdout, stderr: sink() })).toBe(0);
    expect(stdout.text()).toContain("import http from 'k6/http'");
    const out = join(dir, 'flash.yaml');
    expect(await renderLoad({ scenario: 'flash-spins', backend: 'k6-operator', parallelism: '3', out, stdout: sink(), stderr: sink() })).toBe(0);
    expect(readFileSync(out, 'utf8')).toMatch(/kind: TestRun[\s\S]*parallelism: 3/);
  });

  it('reads scenario files and reports their problems with file and path', async () => {
    const file = join(dir, 'bad.yaml');
    writeFileSync(file, 'name: bad\nexecutor: { executor: constant-vus, duration: 1x }\nflows: []\n');
    const stderr = sink();
    expect(await renderLoad({ scenario: file, backend: 'k6', stdout: sink(), stderr })).toBe(64);
    expect(stderr.text()).toContain(`${file}: executor.duration`);
    expect(stderr.text()).toContain(`${file}: flows`);
    expect(await renderLoad({ scenario: 'steady-mix', backend: 'jmeter', stdout: sink(), stderr: sink() })).toBe(64);
    expect(await renderLoad({ scenario: 'steady-mix', backend: 'k6-operator', parallelism: 0, stdout: sink(), stderr: sink() })).toBe(64);
  });
});
