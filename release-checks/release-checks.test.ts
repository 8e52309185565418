import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Check } from '../core/check.ts';
import { ConfigError } from '../core/errors.ts';
import { decideVerdict } from '../core/verdict.ts';
import { releaseConfigSchema } from './config.ts';
import type { ReleaseChecksConfigInput } from './config.ts';
import { evaluateRelease } from './evaluate.ts';
import { observeRelease } from './observe.ts';

const DATA = join(import.meta.dirname, 'testdata');
const NOW = Date.parse('2026-11-26T18:00:00Z');

let stateDir: string;
beforeEach(() => {
  stateDir = mkdtempSync(join(tmpdir(), 'greenlight-release-'));
});
afterEach(() => rmSync(stateDir, { recursive: true, force: true }));

function cleanConfig(overrides: Partial<ReleaseChecksConfigInput> = {}): ReleaseChecksConfigInput {
  return {
    baseDir: DATA,
    candidate: 'manifests/1.5.0.json',
    production: { manifest: 'manifests/1.4.0.json' },
    migrations: ['migrations/safe'],
    artifacts: { compareWith: ['manifests/1.4.0.json'] },
    scans: {
      files: ['scans/npm-audit-clean.json', 'scans/osv-scanner-clean.json', 'scans/trivy-clean.sarif'],
      allowlist: 'scans/allowlist.yaml',
    },
    sla: { promotionLeadTimeHours: 2 },
    drift: {
      staging: 'k8s/staging.yaml',
      production: 'k8s/production.yaml',
      allow: [
        { kind: 'Deployment', name: 'api', path: 'spec.replicas', reason: 'production runs more replicas' },
        { path: 'hpa.spec.*Replicas', reason: 'production scales wider' },
      ],
    },
    ...overrides,
  };
}

async function judge(input: ReleaseChecksConfigInput, nowMs = NOW) {
  const config = releaseConfigSchema.parse(input);
  const observation = await observeRelease(config, { stateDir, nowMs });
  const checks = evaluateRelease(config, observation);
  const byId = (id: string): Check => {
    const found = checks.find((c) => c.id === id);
    if (!found) throw new Error(`no check ${id}`);
    return found;
  };
  return { observation, checks, byId, verdict: decideVerdict({ checks, interrupted: false, harnessFaults: [] }).verdict };
}

describe('release checks end to end', () => {
  it('passes the clean release and binds the verdict to its digests', async () => {
    const { checks, verdict, observation, byId } = await judge(cleanConfig());
    const notPassing = checks.filter((c) => c.blocking && c.status !== 'pass');
    expect(notPassing).toEqual([]);
    expect(verdict).toBe('GO');
    expect(Object.keys(observation.summary.candidate.digests).sort()).toEqual(['api', 'edge', 'game-rules', 'rng']);
    expect(observation.summary.candidate.digests['game-rules']).toBe('sha256:06b3cd8b26400ef942bbecdf7bc6bf1706af4f7b6f58927cffd309acd144891c');
    expect(byId('scans.vulnerabilities').message).toContain('suppressed by the allow-list: CVE-2024-45490');
    expect(byId('scans.allowlist')).toMatchObject({ status: 'warn', blocking: false });
    expect(byId('scans.allowlist').message).toContain('GHSA-xvch-5gv4-984h (expired 2026-11-01');
    const seen = JSON.parse(readFileSync(join(stateDir, 'releases-seen.json'), 'utf8'));
    expect(seen.versions['1.5.0'].digests).toEqual(observation.summary.candidate.digests);
  });

  it('fails a mutable tag in artifacts.pinned, naming the artifact and tag', async () => {
    const { byId, verdict } = await judge(cleanConfig({ candidate: 'manifests/1.5.0-mutable-tags.json' }));
    const pinned = byId('artifacts.pinned');
    expect(pinned.status).toBe('fail');
    expect(pinned.observed).toBe(2);
    expect(pinned.message).toContain('api (registry.example.com/casino/api:1.5.0): mutable tag "1.5.0" without a digest');
    expect(pinned.message).toContain('edge (registry.example.com/casino/edge:latest): mutable tag "latest"');
    expect(verdict).toBe('NO-GO');
    expect(existsSync(join(stateDir, 'releases-seen.json'))).toBe(false);
  });

  it('fails a reused version with new digests, from the registry and from another manifest', async () => {
    await judge(cleanConfig());
    const { byId, verdict } = await judge(cleanConfig({ candidate: 'manifests/1.5.0-rebuilt.json' }));
    const reuse = byId('artifacts.version-reuse');
    expect(reuse.status).toBe('fail');
    expect(reuse.message).toMatch(/version 1\.5\.0 was already built with different digests .*releases-seen\.json \(first seen 2026-11-26T18:00:00\.000Z\): api: was sha256:88c54d88a2e9…, now sha256:/);
    expect(verdict).toBe('NO-GO');

    const fresh = mkdtempSync(join(tmpdir(), 'greenlight-release-'));
    try {
      const config = releaseConfigSchema.parse(cleanConfig({ candidate: 'manifests/1.5.0-rebuilt.json', artifacts: { compareWith: ['manifests'] } }));
      const obs = await observeRelease(config, { stateDir: fresh, nowMs: NOW });
      const fromManifests = evaluateRelease(config, obs).find((c) => c.id === 'artifacts.version-reuse');
      expect(fromManifests?.status).toBe('fail');
      expect(fromManifests?.message).toContain('1.5.0.json: api: was sha256:88c54d88a2e9…');
      expect(obs.summary.artifacts.registry.recorded).toBe(false);
    } finally {
      rmSync(fresh, { recursive: true, force: true });
    }
  });

  it('fails a drifted production overlay with kind/name/path for each drift', async () => {
    const config = cleanConfig();
    const { byId, verdict } = await judge({ ...config, drift: { ...config.drift!, production: 'k8s/production-drifted.yaml' } });
    const drift = byId('drift.staging-production');
    expect(drift.status).toBe('fail');
    expect(drift.observed).toBe(7);
    for (const expected of [
      'Deployment/api spec.template.spec.containers[api].image: staging registry.example.com/casino/api@sha256:88c5',
      'Deployment/api spec.template.spec.containers[api].resources.limits.memory: staging 1Gi, production 768Mi',
      'Deployment/api spec.template.spec.containers[api].env[FEATURE_FLAGS_URL]: staging value, production (absent)',
      'Deployment/api spec.template.spec.containers[api].env[PSP_WEBHOOK_SECRET]: staging secretKeyRef:api-secrets/PSP_WEBHOOK_SECRET, production secretKeyRef:api-secrets/PSP_WEBHOOK_SIGNING_SECRET',
      'ConfigMap/api-config data[MAX_BET_EUR]: staging 500, production 1000',
      'Secret/api-secrets data[PSP_WEBHOOK_SECRET]: staging key present, production (absent)',
      'Secret/api-secrets data[PSP_WEBHOOK_SIGNING_SECRET]: staging (absent), production key present',
    ]) {
      expect(drift.message).toContain(expected);
    }
    expect(drift.message).not.toContain('c3RhZ2luZy1wYXNzd29yZA');
    expect(verdict).toBe('NO-GO');
  });

  it.each([
    ['npm audit', 'scans/npm-audit.json', 'GHSA-xvch-5gv4-984h (critical) in minimist <0.2.4, fixed in mkdirp@0.5.6 [npm-audit'],
    ['OSV-Scanner', 'scans/osv-scanner.json', 'GHSA-35jh-r3h4-6jhm (high) in lodash 4.17.20, fixed in 4.17.21 [osv-scanner'],
    ['Trivy SARIF', 'scans/trivy.sarif', 'CVE-2024-5535 (critical) in libssl3 3.3.1-r0, fixed in 3.3.1-r1 [sarif:Trivy'],
    ['Snyk SARIF', 'scans/snyk.sarif', 'SNYK-JS-JSONWEBTOKEN-3180022 (high) in jsonwebtoken 8.5.1, fixed in jsonwebtoken@9.0.0 [sarif:Snyk Open Source'],
    ['Dependency-Check SARIF', 'scans/dependency-check.sarif', 'CVE-2021-44228 (critical) in org.apache.logging.log4j:log4j-core 2.14.1, no fix listed [sarif:dependency-check'],
  ])('fails a blocking finding from %s', async (_name, file, expected) => {
    const { byId, verdict } = await judge(cleanConfig({ scans: { files: [file], allowlist: 'scans/allowlist.yaml' } }));
    const scans = byId('scans.vulnerabilities');
    expect(scans.status).toBe('fail');
    expect(scans.message).toContain(expected);
    expect(verdict).toBe('NO-GO');
  });

  it('does not let an expired allow-list entry suppress its finding', async () => {
    const { byId } = await judge(cleanConfig({ scans: { files: ['scans/npm-audit.json'], allowlist: 'scans/allowlist.yaml' } }));
    expect(byId('scans.vulnerabilities').message).toContain('GHSA-xvch-5gv4-984h (critical)');
    const early = await judge(cleanConfig({ scans: { files: ['scans/npm-audit.json'], allowlist: 'scans/allowlist.yaml' } }), Date.parse('2026-10-30T12:00:00Z'));
    expect(early.byId('scans.vulnerabilities').status).toBe('pass');
  });

  it('gives a ConfigError naming the file and JSON path of a malformed scan, with every problem at once', async () => {
    const config = releaseConfigSchema.parse(cleanConfig({ scans: { files: ['bad/malformed.sarif', 'scans/missing.json'] }, candidate: 'bad/malformed-manifest.json' }));
    const error = await observeRelease(config, { stateDir, nowMs: NOW }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ConfigError);
    const issues = (error as ConfigError).issues.map((i) => `${i.file?.replace(DATA + '/', '')}: ${i.path}`);
    expect(issues).toEqual(
      expect.arrayContaining([
        'bad/malformed.sarif: $.runs[0].results[0].ruleIndex',
        'bad/malformed.sarif: $.runs[0].results[1].message',
        'scans/missing.json: $',
        'bad/malformed-manifest.json: $.artifacts[0]',
        'bad/malformed-manifest.json: $.flags.x',
      ]),
    );
  });

  it('fails the SLA when promotion can no longer land within 24 h of a P1 disclosure', async () => {
    const late = await judge(cleanConfig(), Date.parse('2026-11-27T07:00:00Z'));
    const sla = late.byId('sla.security-patch');
    expect(sla.status).toBe('fail');
    expect(sla.observed).toBe(23);
    expect(sla.message).toContain('CVE-2026-31337 (P1) disclosed 2026-11-26T08:00:00Z, 23.0 h ago; promotion would land at 25.0 h');
    expect(sla.message).not.toContain('CVE-2026-1010');
    expect(late.byId('sla.security-patch').unit).toBe('h');
  });

  it('fails a patch bump that ships destructive migrations or removes a route', async () => {
    const destructive = await judge(cleanConfig({ migrations: ['migrations/destructive'] }));
    expect(destructive.byId('semver.bump').status).toBe('fail');
    expect(destructive.byId('semver.bump').message).toContain('1.4.0 → 1.5.0 is a minor bump, but the release breaks compatibility and needs a MAJOR bump: rename-column');
    const removed = await judge(cleanConfig({ candidate: 'manifests/1.4.1-removes-route.json' }));
    expect(removed.byId('semver.bump').message).toContain('removed route GET /api/flags');
    expect(removed.byId('semver.bump').status).toBe('fail');
  });

  it('fails a file artifact whose bytes do not match its sha256, and a new flag shipped on', async () => {
    const tampered = await judge(cleanConfig({ candidate: 'manifests/1.5.0-tampered-file.json' }));
    expect(tampered.byId('artifacts.file-digests')).toMatchObject({ status: 'fail', observed: 1 });
    expect(tampered.byId('artifacts.file-digests').message).toContain('game-rules (artifacts/game-rules): manifest says sha256:');
    const flag = await judge(cleanConfig({ candidate: 'manifests/1.5.0-flag-on.json' }));
    expect(flag.byId('flags.new-default-off')).toMatchObject({ status: 'fail', observed: 1 });
  });

  it('reports sections that are not configured as skipped, never as passed', async () => {
    const { byId } = await judge(cleanConfig({ scans: undefined, drift: undefined }));
    expect(byId('scans.vulnerabilities')).toMatchObject({ status: 'skipped', blocking: false });
    expect(byId('drift.staging-production')).toMatchObject({ status: 'skipped', blocking: false });
  });

  it('keeps the registry file valid JSON a reader can trust', async () => {
    writeFileSync(join(stateDir, 'releases-seen.json'), '{"schema":"greenlight.releases-seen/v1","versions":{"1.5.0":{"digests":{"api":7}}}}');
    const config = releaseConfigSchema.parse(cleanConfig());
    await expect(observeRelease(config, { stateDir, nowMs: NOW })).rejects.toThrow(/releases-seen\.json: \$\.versions\["1\.5\.0"\]\.digests\.api/);
  });
});

describe('claimed security fixes', () => {
  it('fails when a scan still reports a CVE the release claims to fix, by alias too', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'greenlight-release-fix-'));
    try {
      const manifest = JSON.parse(readFileSync(join(DATA, 'manifests/1.5.0.json'), 'utf8'));
      manifest.fixes.push({ id: 'CVE-2021-23337', priority: 'P2', disclosedAt: '2026-11-20T00:00:00Z' });
      writeFileSync(join(dir, 'candidate.json'), JSON.stringify(manifest));
      const { byId } = await judge(cleanConfig({ candidate: join(dir, 'candidate.json'), scans: { files: ['scans/osv-scanner.json'] } }));
      const claimed = byId('scans.claimed-fixes');
      expect(claimed.status).toBe('fail');
      expect(claimed.message).toContain('CVE-2021-23337 (P2): GHSA-35jh-r3h4-6jhm (high) in lodash 4.17.20');
      const clean = await judge(cleanConfig());
      expect(clean.byId('scans.claimed-fixes')).toMatchObject({ status: 'pass', samples: 2 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
