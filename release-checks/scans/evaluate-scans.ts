import { check } from '../../core/check.ts';
import type { Check } from '../../core/check.ts';
import type { ReleaseChecksConfig } from '../config.ts';
import type { AllowEntry } from './allowlist.ts';
import { allowMatches, isExpired } from './allowlist.ts';
import type { Finding, Severity } from './finding.ts';
import { SEVERITIES } from './finding.ts';
import type { ScanFormat } from './read-scan.ts';

export type ScansObservation = {
  reports: { file: string; format: ScanFormat; findings: number }[];
  findings: Finding[];
  allowlist?: { file: string; entries: AllowEntry[] };
};

type ScansConfig = NonNullable<ReleaseChecksConfig['scans']>;

/** The same vulnerability in the same package, reported by several scanners, counts once (at its worst severity). */
export function dedupeFindings(findings: readonly Finding[]): Finding[] {
  const seen = new Map<string, Finding>();
  const out: Finding[] = [];
  for (const f of findings) {
    const keys = [f.id, ...f.aliases].map((id) => `${f.package}|${id.toUpperCase()}`);
    const earlier = keys.map((k) => seen.get(k)).find((x) => x !== undefined);
    if (earlier) {
      if (SEVERITIES.indexOf(f.severity) < SEVERITIES.indexOf(earlier.severity)) earlier.severity = f.severity;
      earlier.aliases = [...new Set([...earlier.aliases, ...[f.id, ...f.aliases].filter((a) => a !== earlier.id)])];
      continue;
    }
    const copy = { ...f, aliases: [...f.aliases] };
    out.push(copy);
    for (const k of keys) seen.set(k, copy);
  }
  return out;
}

export function describeFinding(f: Finding): string {
  const version = f.version ? ` ${f.version}` : '';
  const fix = f.fixedIn ? `, fixed in ${f.fixedIn}` : ', no fix listed';
  return `${f.id} (${f.severity}) in ${f.package}${version}${fix} [${f.source}: ${f.file}]`;
}

export function listSome(items: readonly string[], max = 8): string {
  const shown = items.slice(0, max).join('; ');
  return items.length > max ? `${shown}; and ${items.length - max} more` : shown;
}

export function evaluateScans(config: ScansConfig, obs: ScansObservation, nowMs: number): Check[] {
  const blockSet = new Set<Severity>(config.block);
  if (config.blockUnknownSeverity) blockSet.add('unknown');
  const entries = obs.allowlist?.entries ?? [];
  const active = entries.filter((e) => !isExpired(e, nowMs));
  const expired = entries.filter((e) => isExpired(e, nowMs));
  const findings = dedupeFindings(obs.findings);
  const blocking = findings.filter((f) => blockSet.has(f.severity));
  const suppressed = blocking.filter((f) => active.some((e) => allowMatches(e, f)));
  const open = blocking.filter((f) => !suppressed.includes(f));
  const threshold = `no ${[...blockSet].join('/')} finding outside the allow-list`;
  const scanned = `${obs.reports.length} report(s), ${findings.length} distinct finding(s)`;

  const vulnerabilities = check({
    id: 'scans.vulnerabilities',
    title: 'Dependency scans: no blocking vulnerability',
    status: open.length > 0 ? 'fail' : 'pass',
    observed: open.length,
    unit: 'findings',
    threshold,
    samples: findings.length,
    reason: open.length > 0 ? 'threshold_breached' : undefined,
    message:
      open.length > 0
        ? `${open.length} blocking finding(s) in ${scanned}: ${listSome(open.map(describeFinding))}`
        : `no blocking finding in ${scanned}${suppressed.length ? `; ${suppressed.length} suppressed by the allow-list: ${listSome(suppressed.map((f) => f.id))}` : ''}`,
  });

  const unused = active.filter((e) => !findings.some((f) => allowMatches(e, f)));
  const allowlist = check({
    id: 'scans.allowlist',
    title: 'Dependency scans: allow-list entries in force',
    blocking: false,
    status: expired.length > 0 ? 'warn' : 'pass',
    observed: expired.length,
    unit: 'expired entries',
    threshold: 'no expired entry',
    message: !obs.allowlist
      ? 'no allow-list configured'
      : [
          expired.length > 0
            ? `${expired.length} expired entr${expired.length === 1 ? 'y no longer suppresses' : 'ies no longer suppress'}: ${listSome(expired.map((e) => `${e.id} (expired ${e.expires}, approved by ${e.approvedBy})`))}`
            : `all ${entries.length} entries in force`,
          unused.length > 0 ? `${unused.length} entr${unused.length === 1 ? 'y matches' : 'ies match'} no finding: ${listSome(unused.map((e) => e.id))}` : '',
        ]
          .filter(Boolean)
          .join('; '),
  });
  return [vulnerabilities, allowlist];
}
