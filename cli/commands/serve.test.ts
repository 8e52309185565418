import { EventEmitter } from 'node:events';
import { createConnection } from 'node:net';
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { reportWith, tempRuns } from '../../serve/testing.ts';
import { main } from '../main.ts';
import { BIN, greenlight, startTarget, tempProject } from '../testing.ts';

function capture() {
  let text = '';
  return { write: (chunk: string) => void (text += chunk), get text() { return text; } };
}

async function waitFor<T>(read: () => T | undefined, what: () => string, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what()} not seen after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const listeningUrl = (text: string) => /listening on (http:\/\/\S+)/.exec(text)?.[1];
const portRefused = (port: number) =>
  new Promise<boolean>((resolve) => {
    const probe = createConnection({ host: '127.0.0.1', port });
    probe.once('connect', () => (probe.destroy(), resolve(false)));
    probe.once('error', () => resolve(true));
  });

describe('greenlight serve (CLI)', () => {
  it('serves the runs dir, then stops on SIGTERM with exit 0 and no listener left', async () => {
    const runs = tempRuns();
    const signals = new EventEmitter();
    const stdout = capture();
    try {
      await runs.addRun(reportWith({ verdict: 'GO', finishedAt: new Date() }));
      const exit = main(['serve', '--port', '0', '--runs-dir', runs.runsDir, '--max-age', '30m'], { stdout, stderr: capture(), env: {}, cwd: '/', signals: signals as never });
      const url = await waitFor(() => listeningUrl(stdout.text), () => `listening line in ${JSON.stringify(stdout.text)}`);
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(stdout.text).toContain('fresh for 1800 s');
      expect((await fetch(`${url}/gate/confirm-promotion`, { method: 'POST', body: '{}' })).status).toBe(200);
      signals.emit('SIGTERM');
      expect(await exit).toBe(0);
      expect(stdout.text).toContain('SIGTERM, stopped');
      expect(signals.listenerCount('SIGTERM') + signals.listenerCount('SIGINT')).toBe(0);
      expect(await portRefused(Number(new URL(url).port))).toBe(true);
    } finally {
      signals.emit('SIGINT');
      runs.dispose();
    }
  });

  it.each([
    [['--port', 'eighty'], '--port'],
    [['--port', '70000'], '--port'],
    [['--port', ''], '--port'],
    [['--port', '1e3'], '--port'],
    [['--max-age', 'soon'], '--max-age'],
    [['--max-age', '0s'], '--max-age'],
    [['--verbose'], 'serve'],
  ])('usage error (exit 64) for %j', async (args, path) => {
    const stderr = capture();
    expect(await main(['serve', ...args], { stdout: capture(), stderr, env: {}, cwd: '/' })).toBe(64);
    expect(stderr.text).toContain(path);
  });

  it('--help names the routes and the fail-closed rule', async () => {
    const stdout = capture();
    expect(await main(['serve', '--help'], { stdout, stderr: capture(), env: {}, cwd: '/' })).toBe(0);
    for (const text of ['/gate/confirm-promotion', '/reports/latest', '/healthz', '--max-age', '--runs-dir', 'metadata.release']) expect(stdout.text).toContain(text);
    const top = capture();
    await main(['--help'], { stdout: top, stderr: capture(), env: {}, cwd: '/' });
    expect(top.text).toMatch(/^\s+serve\s+/m);
  });

  it('as a real process: a real gate run, then serve answers 200 for it and exits 0 on SIGTERM', async () => {
    const target = await startTarget();
    const project = tempProject({ environment: { provider: 'remote', urls: { edge: target.url } }, stages: { probe: { requests: 3, minSamples: 1, targets: [{ name: 'health', url: '/healthz' }] } } });
    let child: ReturnType<typeof execa> | undefined;
    try {
      const run = await greenlight(project.dir, ['run', '--only', 'probe']);
      expect(run.exitCode, `${run.stdout}\n${run.stderr}`).toBe(0);
      child = execa(process.execPath, [BIN, 'serve', '--port', '0'], { cwd: project.dir, reject: false, env: { GREENLIGHT_OUTPUT_DIR: '' } });
      let out = '';
      child.stdout?.on('data', (chunk: Buffer) => void (out += chunk.toString()));
      const url = await waitFor(() => listeningUrl(out), () => `listening line in ${JSON.stringify(out)}`);
      expect(out).toContain(join(project.dir, '.greenlight', 'runs'));
      const answer = await fetch(`${url}/gate/confirm-promotion`, { method: 'POST', body: JSON.stringify({ name: 'casino-api', namespace: 'casino', phase: 'Promoting', metadata: { release: '1.5.0' } }) });
      expect(answer.status).toBe(200);
      expect(await answer.json()).toMatchObject({ promote: true, verdict: 'GO', release: '1.5.0' });
      child.kill('SIGTERM');
      const result = await child;
      expect(result.exitCode).toBe(0);
      expect(await portRefused(Number(new URL(url).port))).toBe(true);
    } finally {
      child?.kill('SIGKILL');
      project.dispose();
      await target.close();
    }
  });
});
