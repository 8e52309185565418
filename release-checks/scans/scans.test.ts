import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputIssues } from '../input/issues.ts';
import { isExpired } from './allowlist.ts';
import type { AllowEntry } from './allowlist.ts';
import { dedupeFindings, evaluateScans } from './evaluate-scans.ts';
import type { Finding } from './finding.ts';
import { normalizeSeverity } from './finding.ts';
import { detectScanFormat, readScan } from './read-scan.ts';
import { parsePackageRef } from './sarif.ts';

const SCANS = join(import.meta.dirname, '..', 'testdata', 'scans');

describe('scan normalization', () => {
  it.each([
    ['CRITICAL', 'critical'],
    ['moderate', 'medium'],
    ['Important', 'high'],
    ['7.2', 'high'],
    [9.8, 'critical'],
    ['3.9', 'low'],
    ['0.0', 'info'],
    ['', 'unknown'],
    ['CVSS:3.1/AV:N/AC:L', 'unknown'],
    [11, 'unknown'],
    [undefined, 'unknown'],
  ])('normalizeSeverity(%j) = %s', (input, expected) => expect(normalizeSeverity(input)).toBe(expected));

  it.each([
    ['pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1', { name: 'org.apache.logging.log4j:log4j-core', version: '2.14.1' }],
    ['pkg:npm/%40babel/traverse@7.22.5', { name: '@babel/traverse', version: '7.22.5' }],
    ['pkg:pypi/django@4.2.1?arch=any', { name: 'django', version: '4.2.1' }],
    ['@babel/traverse@7.22.5', { name: '@babel/traverse', version: '7.22.5' }],
    ['jsonwebtoken@8.5.1', { name: 'jsonwebtoken', version: '8.5.1' }],
    ['package.json', undefined],
  ])('parsePackageRef(%s)', (ref, expected) => expect(parsePackageRef(ref)).toEqual(expected));

  it.each([
    ['npm-audit.json', 'npm-audit', [['GHSA-xvch-5gv4-984h', 'minimist', 'critical'], ['GHSA-c2qf-rxjj-qqgw', 'semver', 'medium']]],
    ['osv-scanner.json', 'osv-scanner', [['GHSA-35jh-r3h4-6jhm', 'lodash', 'high'], ['GHSA-pxg6-pf52-xh8x', 'cookie', 'low']]],
    ['trivy.sarif', 'sarif', [['CVE-2024-5535', 'libssl3', 'critical'], ['CVE-2024-6119', 'libcrypto3', 'medium']]],
    ['snyk.sarif', 'sarif', [['SNYK-JS-JSONWEBTOKEN-3180022', 'jsonwebtoken', 'high']]],
    ['dependency-check.sarif', 'sarif', [['CVE-2021-44228', 'org.apache.logging.log4j:log4j-core', 'critical']]],
  ])('reads %s', (file, format, expected) => {
    const issues = new InputIssues();
    const report = readScan(join(SCANS, file), issues);
    expect(issues.list).toEqual([]);
    expect(report?.format).toBe(format);
    expect(report?.findings.map((f) => [f.id, f.package, f.severity])).toEqual(expected);
  });

  it('keeps aliases so an allow-list can name either id', () => {
    const issues = new InputIssues();
    const osv = readScan(join(SCANS, 'osv-scanner.json'), issues);
    const snyk = readScan(join(SCANS, 'snyk.sarif'), issues);
    expect(osv?.findings[0]?.aliases).toEqual(['CVE-2021-23337']);
    expect(snyk?.findings[0]?.aliases).toEqual(['CVE-2022-23539']);
  });

  it.each([
    [{ version: '2.1.0', runs: [] }, 'sarif'],
    [{ auditReportVersion: 2, vulnerabilities: {} }, 'npm-audit'],
    [{ advisories: {}, metadata: {} }, 'npm-audit'],
    [{ results: [] }, 'osv-scanner'],
    [[], undefined],
    [{ hello: 1 }, undefined],
  ])('detectScanFormat(%j) = %s', (doc, format) => expect(detectScanFormat(doc)).toBe(format));
});

const finding = (over: Partial<Finding>): Finding => ({ id: 'CVE-1', aliases: [], package: 'p', severity: 'high', source: 'x', file: 'f', ...over });
const entry = (over: Partial<AllowEntry>): AllowEntry => ({ id: 'CVE-1', reason: 'r', expires: '2026-11-30', approvedBy: 'sec', ...over });
const scansConfig = { files: ['x'], block: ['critical' as const, 'high' as const], blockUnknownSeverity: true };

describe('scan judgement', () => {
  it('merges one vulnerability reported by two scanners under different ids', () => {
    const merged = dedupeFindings([finding({ id: 'GHSA-aaaa', aliases: ['CVE-1'], severity: 'medium' }), finding({ id: 'CVE-1', severity: 'critical', source: 'y' })]);
    expect(merged).toHaveLength(1);
    expect(merged[0]).toMatchObject({ id: 'GHSA-aaaa', severity: 'critical', aliases: ['CVE-1'] });
  });

  it.each([
    ['2026-11-30T23:59:59Z', false],
    ['2026-12-01T00:00:00Z', true],
  ])('an entry expiring 2026-11-30 at %s is expired: %s', (now, expired) => expect(isExpired(entry({}), Date.parse(now))).toBe(expired));

  it.each<[string, Partial<Finding>, Partial<AllowEntry> | undefined, string]>([
    ['high blocks', {}, undefined, 'fail'],
    ['medium does not block', { severity: 'medium' }, undefined, 'pass'],
    ['unknown severity blocks (fail-closed)', { severity: 'unknown' }, undefined, 'fail'],
    ['allow-listed by alias', { id: 'GHSA-x', aliases: ['CVE-1'] }, {}, 'pass'],
    ['allow-list for another package', {}, { package: 'other' }, 'fail'],
    ['expired allow-list entry', {}, { expires: '2026-11-01' }, 'fail'],
  ])('%s', (_name, f, e, status) => {
    const checks = evaluateScans(scansConfig, { reports: [], findings: [finding(f)], allowlist: e ? { file: 'allow.yaml', entries: [entry(e)] } : undefined }, Date.parse('2026-11-26T00:00:00Z'));
    expect(checks.find((c) => c.id === 'scans.vulnerabilities')?.status).toBe(status);
  });

  it('honours a configured block list', () => {
    const checks = evaluateScans({ ...scansConfig, block: ['critical'], blockUnknownSeverity: false }, { reports: [], findings: [finding({}), finding({ id: 'CVE-2', severity: 'unknown' })] }, 0);
    expect(checks[0]?.status).toBe('pass');
  });

  it('reports a malformed allow-list entry with its path', async () => {
    const { mkdtempSync, rmSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { readAllowlist } = await import('./allowlist.ts');
    const dir = mkdtempSync(join(tmpdir(), 'greenlight-allow-'));
    try {
      writeFileSync(join(dir, 'allow.yaml'), '- id: CVE-1\n  reason: ok\n  expires: next week\n  approvedBy: sec\n- id: CVE-2\n  expires: 2026-12-01\n');
      const issues = new InputIssues();
      expect(readAllowlist(join(dir, 'allow.yaml'), issues)).toBeUndefined();
      expect(issues.list.map((i) => i.path)).toEqual(['$[0].expires', '$[1].reason', '$[1].approvedBy']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('fail-closed scan reading', () => {
  it.each([
    [{ version: '2.1.0', runs: [] }, '$.runs'],
    [{ version: '2.1.0', runs: [{ tool: { driver: { name: 'Trivy' } } }] }, '$.runs[0].results'],
    [{ version: '2.0.0', runs: [] }, '$.version'],
    [{ advisories: {}, metadata: {} }, '$.auditReportVersion'],
    [{ results: [{ packages: [{ package: { version: '1' } }] }] }, '$.results[0].packages[0].package.name'],
  ])('rejects %j at %s', async (doc, path) => {
    const { mkdtempSync, rmSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'greenlight-scan-'));
    try {
      writeFileSync(join(dir, 'scan.json'), JSON.stringify(doc));
      const issues = new InputIssues();
      expect(readScan(join(dir, 'scan.json'), issues)).toBeUndefined();
      expect(issues.list.map((i) => i.path)).toContain(path);
      expect(issues.list[0]?.file).toBe(join(dir, 'scan.json'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
