import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateReport } from '../reports/index.ts';
import { greenlight, readTree, startTarget, tempProject } from './testing.ts';

let target: Awaited<ReturnType<typeof startTarget>>;
beforeAll(async () => void (target = await startTarget()));
afterAll(() => target.close());

const SECRET = 'tok-VERY-secret-4711';
const project = (targets: unknown[], extra: Record<string, unknown> = {}) =>
  tempProject({
    environment: { provider: 'remote', urls: { edge: target.url, adminToken: SECRET } },
    stages: { probe: { requests: 3, timeoutMs: 60_000, minSamples: 1, targets } },
    ...extra,
  });
const run = (dir: string, ...args: string[]) => greenlight(dir, ['run', '--only', 'probe', ...args]);
const readJson = (dir: string) => JSON.parse(readFileSync(join(dir, '.greenlight/runs/latest/report.json'), 'utf8'));

describe('greenlight run (black box)', () => {
  it('exit 0 GO: reports validate, junit parses, html is self-contained, secrets are redacted', async () => {
    const p = project([{ name: 'health', url: `/healthz?token=${SECRET}` }, { name: 'version', url: '/version' }]);
    try {
      const result = await run(p.dir);
      expect(result.stdout).toContain('GO — release 1.5.0');
      expect(result.exitCode).toBe(0);
      const report = readJson(p.dir);
      expect(validateReport(report)).toMatchObject({ ok: true, errors: [] });
      expect(report.verdict).toBe('GO');
      const runDir = join(p.dir, '.greenlight/runs/latest');
      const junit = new XMLParser({ ignoreAttributes: false }).parse(readFileSync(join(runDir, 'junit.xml'), 'utf8'));
      expect(junit.testsuites).toBeDefined();
      const html = readFileSync(join(runDir, 'report.html'), 'utf8');
      expect(html).not.toMatch(/(src|href)\s*=\s*["']?(https?:)?\/\//i);
      expect(html).not.toMatch(/https?:\/\/(?!127\.0\.0\.1)/);
      for (const file of readTree(join(p.dir, '.greenlight'))) expect(file.text, file.path).not.toContain(SECRET);
    } finally {
      p.dispose();
    }
  });

  it('exit 1 NO-GO when a blocking check fails, naming it', async () => {
    const p = project([{ name: 'deposit', url: '/error' }]);
    try {
      const result = await run(p.dir);
      expect(result.exitCode).toBe(1);
      expect(result.stdout).toContain('NO-GO');
      expect(result.stdout).toContain('deposit answers 200');
      expect(readJson(p.dir).verdict).toBe('NO-GO');
    } finally {
      p.dispose();
    }
  });

  it('exit 2 INCONCLUSIVE when the target cannot be reached', async () => {
    const p = project([{ name: 'gone', url: 'http://127.0.0.1:1/healthz' }]);
    try {
      const result = await run(p.dir);
      expect(result.exitCode).toBe(2);
      const report = readJson(p.dir);
      expect(report.verdict).toBe('INCONCLUSIVE');
      expect(report.stages.find((s: { id: string }) => s.id === 'probe').checks[0].status).toBe('inconclusive');
    } finally {
      p.dispose();
    }
  });

  it('exit 64 with every config error listed by path, and nothing run', async () => {
    const p = tempProject({
      profile: 'nightlyy',
      release: { candidate: '1.5' },
      stages: { probe: { requests: 0, thresholds: { probe_duration: ['p(95<300'], nope_metric: ['count<1'] } }, smoek: {} },
    });
    try {
      const result = await greenlight(p.dir, ['run']);
      expect(result.exitCode).toBe(64);
      for (const fragment of ['profile: unknown profile "nightlyy"', 'release.candidate: "1.5" is not a SemVer version', 'stages.smoek: unknown stage', 'stages.probe.requests']) {
        expect(result.stderr).toContain(fragment);
      }
      expect(existsSync(join(p.dir, '.greenlight'))).toBe(false);
    } finally {
      p.dispose();
    }
  });

  it('exit 64 for threshold errors, before anything runs', async () => {
    const p = project([{ name: 'h', url: '/healthz' }]);
    writeFileSync(join(p.dir, 'greenlight.config.json'), JSON.stringify({ environment: { provider: 'remote', urls: { edge: target.url } }, stages: { probe: { thresholds: { probe_duration: ['p(95<300', 'count<1'], nope_metric: ['count<1'] } } } }));
    try {
      const result = await run(p.dir);
      expect(result.exitCode).toBe(64);
      expect(result.stderr).toContain('stages.probe.thresholds');
      expect(result.stderr).toMatch(/nope_metric/);
      expect(existsSync(join(p.dir, '.greenlight'))).toBe(false);
    } finally {
      p.dispose();
    }
  });

  it('SIGINT mid-stage exits 2, runs teardowns and leaves a report marked interrupted', async () => {
    const p = project([{ name: 'slow', url: '/slow' }]);
    try {
      const child = run(p.dir);
      child.stderr?.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('probing slow')) setTimeout(() => child.kill('SIGINT'), 200);
      });
      const result = await child;
      expect(result.exitCode).toBe(2);
      const report = readJson(p.dir);
      expect(report.interrupted).toBe(true);
      expect(report.interruption.cause).toBe('SIGINT');
      expect(report.cleanup.status).toBe('clean');
      expect(report.stages.find((s: { id: string }) => s.id === 'probe').status).toBe('interrupted');
      expect(existsSync(join(p.dir, '.greenlight/leases'))).toBe(false);
    } finally {
      p.dispose();
    }
  });
});

describe('greenlight plan, validate, report, help', () => {
  it('plan prints stages and thresholds without running anything', async () => {
    const p = project([{ name: 'health', url: '/healthz' }]);
    try {
      const result = await greenlight(p.dir, ['plan', '--env', 'remote', '--profile', 'ci', '--only', 'probe']);
      expect(result.exitCode).toBe(0);
      expect(result.stdout).toContain('Plan (profile ci');
      expect(result.stdout).toContain('HTTP probe [probe]');
      expect(result.stdout).toContain('threshold probe_duration: p(95)<1000');
      expect(existsSync(join(p.dir, '.greenlight'))).toBe(false);
    } finally {
      p.dispose();
    }
  });

  it('report re-renders a stored run', async () => {
    const p = project([{ name: 'health', url: '/healthz' }]);
    try {
      await run(p.dir);
      const md = await greenlight(p.dir, ['report', '.greenlight/runs/latest', '--format', 'md']);
      expect(md.exitCode).toBe(0);
      expect(md.stdout).toContain('GO');
      const bad = await greenlight(p.dir, ['report', 'nowhere']);
      expect(bad.exitCode).toBe(64);
    } finally {
      p.dispose();
    }
  });

  it('help and unknown commands', async () => {
    const p = tempProject({});
    try {
      const help = await greenlight(p.dir, ['--help']);
      expect(help.exitCode).toBe(0);
      expect(help.stdout).toContain('Exit codes: 0 GO');
      const runHelp = await greenlight(p.dir, ['run', '--help']);
      expect(runHelp.stdout).toContain('--profile');
      const unknown = await greenlight(p.dir, ['launch']);
      expect(unknown.exitCode).toBe(64);
      const badFlag = await greenlight(p.dir, ['run', '--frobnicate']);
      expect(badFlag.exitCode).toBe(64);
      expect(badFlag.stderr).toContain('--frobnicate');
    } finally {
      p.dispose();
    }
  });
});
