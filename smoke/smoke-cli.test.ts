import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startService, type RunningService } from '../fixtures/platform/test/services.ts';
import { startStack, type Stack } from '../fixtures/platform/test/stack.ts';
import { smoke } from './smoke-cli.ts';

const sink = () => {
  let text = '';
  return { write: (chunk: string) => (text += chunk), get text() { return text; } };
};

let stack: Stack;
let edge: RunningService;
let stateDir: string;
beforeAll(async () => {
  stateDir = mkdtempSync(join(tmpdir(), 'greenlight-smoke-cli-'));
  stack = await startStack({ duplicateRate: 0 });
  edge = await startService('edge', { INSTANCE_ID: 'edge-smoke', ADMIN_PORT: '0' });
  await fetch(`http://127.0.0.1:${edge.adminPort}/pools/green`, { method: 'PUT', body: JSON.stringify({ instances: [{ id: 'api-green-1', url: stack.api.url }] }) });
});
afterAll(async () => {
  await edge?.stop();
  await stack?.stop();
  rmSync(stateDir, { recursive: true, force: true });
});

describe('greenlight smoke', () => {
  it('passes the good release through the edge pinned to a pool, in the browser and over the API', async () => {
    const stdout = sink();
    const stderr = sink();
    const started = performance.now();
    const code = await smoke({ target: edge.url, pool: 'green', json: true, stateDir, stdout, stderr });
    const seconds = (performance.now() - started) / 1000;
    const out = JSON.parse(stdout.text) as { verdict: string; runDir: string; checks: { id: string; status: string; durationMs?: number }[] };
    expect(out.checks.filter((c) => c.status !== 'pass')).toEqual([]);
    expect(code).toBe(0);
    expect(out.verdict).toBe('GO');
    expect(out.checks.filter((c) => c.id.startsWith('api:'))).toHaveLength(7);
    expect(out.checks.filter((c) => c.id.startsWith('ui:'))).toHaveLength(5);
    expect(out.checks.every((c) => c.id === 'environment-up' || (c.durationMs ?? 0) > 0)).toBe(true);
    const report = JSON.parse(readFileSync(join(out.runDir, 'report.json'), 'utf8')) as { verdict: string; cleanup: { status: string } };
    expect(report).toMatchObject({ verdict: 'GO', cleanup: { status: 'clean' } });
    expect(stdout.text).not.toContain('password');
    expect(seconds).toBeLessThan(60);
  });

  it('is NO-GO when the pinned pool has no instance', async () => {
    const stdout = sink();
    const code = await smoke({ target: edge.url, pool: 'canary', ui: false, stateDir, stdout, stderr: sink() });
    expect(code).toBe(1);
    expect(stdout.text).toMatch(/FAIL +api:register: .*answered 503/);
    expect(stdout.text).toContain('verdict: NO-GO (exit 1)');
  });

  it('refuses unusable options with every problem at once (exit 64)', async () => {
    const stderr = sink();
    const code = await smoke({ pool: 'purple', ui: false, api: false, stateDir, stdout: sink(), stderr });
    expect(code).toBe(64);
    expect(stderr.text).toContain('--target: is required');
    expect(stderr.text).toContain('--pool');
    expect(stderr.text).toContain('--ui: at least one of ui and api must be on');
    expect(stderr.text).toContain('hint: example: greenlight smoke --target');
  });
});
