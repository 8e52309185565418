import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { releaseCheck } from './cli.ts';
import type { ReleaseCheckOptions } from './cli.ts';

const DATA = join(import.meta.dirname, 'testdata');
const NOW = () => Date.parse('2026-11-26T18:00:00Z');

function hasKubectl(): boolean {
  try {
    execFileSync('kubectl', ['version', '--client'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'greenlight-release-cli-'));
  cpSync(DATA, join(dir, 'testdata'), { recursive: true });
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function run(options: Partial<ReleaseCheckOptions>) {
  let stdout = '';
  let stderr = '';
  const code = await releaseCheck({
    cwd: dir,
    now: NOW,
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    ...options,
  });
  return { code, stdout, stderr };
}

const CONFIG = `# release stage config; paths are relative to this file
candidate: manifests/1.5.0.json
production:
  manifest: manifests/1.4.0.json
migrations: [migrations/safe]
scans:
  files: [scans/npm-audit-clean.json, scans/osv-scanner-clean.json, scans/trivy-clean.sarif]
  allowlist: scans/allowlist.yaml
drift:
  staging: k8s/staging.yaml
  production: k8s/production.yaml
  allow:
    - { kind: Deployment, path: spec.replicas, reason: production runs more replicas }
    - { path: "hpa.spec.*", reason: production scales wider }
`;

describe('releaseCheck (CLI entry)', () => {
  it('exits 0 for the clean release, 1 when a flag points at a drifted overlay', async () => {
    writeFileSync(join(dir, 'testdata', 'release.yaml'), CONFIG);
    const clean = await run({ config: 'testdata/release.yaml' });
    expect(clean.stderr).toBe('');
    expect(clean.code).toBe(0);
    expect(clean.stdout).toContain('verdict: GO (release 1.5.0)');
    expect(clean.stdout).toMatch(/^PASS +drift\.staging-production: /m);

    const drifted = await run({ config: 'testdata/release.yaml', productionManifests: 'testdata/k8s/production-drifted.yaml' });
    expect(drifted.code).toBe(1);
    expect(drifted.stdout).toMatch(/^FAIL +drift\.staging-production: 7 unexpected drift\(s\)/m);
    expect(drifted.stdout).toContain('verdict: NO-GO');
  });

  it('exits 64 and names file and path for a malformed scan and a bad config', async () => {
    writeFileSync(join(dir, 'testdata', 'release.yaml'), `${CONFIG}sla:\n  promotionLeadTimeHours: -1\n`);
    const bad = await run({ config: 'testdata/release.yaml', scans: ['testdata/bad/malformed.sarif'] });
    expect(bad.code).toBe(64);
    expect(bad.stderr).toContain('release.yaml: sla.promotionLeadTimeHours: Too small');
    expect(bad.stdout).toBe('');

    writeFileSync(join(dir, 'testdata', 'release.yaml'), CONFIG);
    const scan = await run({ config: 'testdata/release.yaml', scans: ['testdata/bad/malformed.sarif'] });
    expect(scan.code).toBe(64);
    expect(scan.stderr).toContain(`${join(dir, 'testdata/bad/malformed.sarif')}: $.runs[0].results[1].message: Invalid input: expected object, received undefined`);
  });

  it('prints JSON with the digests the verdict is bound to', async () => {
    writeFileSync(join(dir, 'testdata', 'release.yaml'), CONFIG);
    const { code, stdout } = await run({ config: 'testdata/release.yaml', json: true });
    expect(code).toBe(0);
    const parsed = JSON.parse(stdout);
    expect(parsed.verdict).toBe('GO');
    expect(parsed.summary.candidate.digests.api).toBe('sha256:88c54d88a2e99a247f5e1ae2cfd43d31ca6234163289b920b722bf4f1866bd55');
  });

  it('never keeps Secret values in what it prints', async () => {
    writeFileSync(join(dir, 'testdata', 'release.yaml'), CONFIG);
    const { stdout } = await run({ config: 'testdata/release.yaml', json: true, productionManifests: 'testdata/k8s/production-drifted.yaml' });
    expect(stdout).toContain('PSP_WEBHOOK_SIGNING_SECRET');
    for (const value of ['c3RhZ2luZy1wYXNzd29yZA==', 'aGVsbG8tand0LWtleQ==', 'd2hzZWNfc2VjcmV0']) expect(stdout).not.toContain(value);
  });

  it.skipIf(!hasKubectl())('renders kustomize overlays with kubectl and reports their drift', async () => {
    const { code, stdout } = await run({
      config: undefined,
      candidate: 'testdata/manifests/1.5.0.json',
      productionVersion: '1.4.0',
      stagingManifests: 'testdata/kustomize/overlays/staging',
      productionManifests: 'testdata/kustomize/overlays/production',
    });
    expect(code).toBe(1);
    expect(stdout).toMatch(/^FAIL +drift\.staging-production: 2 unexpected drift\(s\): Deployment\/api spec\.replicas: staging 2, production 6; Deployment\/api spec\.template\.spec\.containers\[api\]\.resources\.limits\.memory: staging 1Gi, production 768Mi/m);
  });
});
