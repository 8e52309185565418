import { z } from 'zod';
import type { Finding, Severity } from './finding.ts';
import { maxSeverity, normalizeSeverity } from './finding.ts';

const osvVulnerability = z.object({
  id: z.string(),
  aliases: z.array(z.string()).optional(),
  summary: z.string().optional(),
  database_specific: z.object({ severity: z.string().optional() }).loose().optional(),
  affected: z
    .array(
      z.object({
        package: z.object({ name: z.string(), ecosystem: z.string().optional() }).optional(),
        ranges: z.array(z.object({ events: z.array(z.record(z.string(), z.string())) })).optional(),
        database_specific: z.object({ severity: z.string().optional() }).loose().optional(),
      }),
    )
    .optional(),
});

const osvPackage = z.object({
  package: z.object({ name: z.string(), version: z.string().optional(), ecosystem: z.string().optional() }),
  vulnerabilities: z.array(osvVulnerability).default([]),
  groups: z.array(z.object({ ids: z.array(z.string()).min(1), aliases: z.array(z.string()).optional(), max_severity: z.string().optional() })).optional(),
});

/** `osv-scanner --format json`. */
export const osvSchema = z.object({
  results: z.array(z.object({ source: z.object({ path: z.string() }).loose().optional(), packages: z.array(osvPackage).default([]) })),
});

type OsvVulnerability = z.infer<typeof osvVulnerability>;

/** One finding per group of aliased advisories (OSV-Scanner groups GHSA/CVE/PYSEC duplicates). */
export function findingsFromOsv(report: z.infer<typeof osvSchema>, file: string): Finding[] {
  const findings: Finding[] = [];
  for (const result of report.results) {
    for (const pkg of result.packages) {
      const byId = new Map(pkg.vulnerabilities.map((v) => [v.id, v]));
      const groups = pkg.groups ?? pkg.vulnerabilities.map((v) => ({ ids: [v.id], aliases: v.aliases, max_severity: undefined }));
      for (const group of groups) {
        const members = group.ids.map((id) => byId.get(id)).filter((v): v is OsvVulnerability => v !== undefined);
        const id = group.ids[0]!;
        const ids = new Set([...group.ids, ...(group.aliases ?? []), ...members.flatMap((m) => m.aliases ?? [])]);
        ids.delete(id);
        findings.push({
          id,
          aliases: [...ids],
          package: pkg.package.name,
          version: pkg.package.version,
          severity: groupSeverity(group.max_severity, members),
          fixedIn: members.map((m) => fixedVersion(m, pkg.package.name)).find((v) => v !== undefined),
          source: 'osv-scanner',
          file,
          title: members[0]?.summary,
        });
      }
    }
  }
  return findings;
}

function groupSeverity(maxScore: string | undefined, members: OsvVulnerability[]): Severity {
  if (maxScore) {
    const fromScore = normalizeSeverity(maxScore);
    if (fromScore !== 'unknown') return fromScore;
  }
  let severity: Severity = 'unknown';
  for (const m of members) {
    severity = maxSeverity(severity, normalizeSeverity(m.database_specific?.severity));
    for (const a of m.affected ?? []) severity = maxSeverity(severity, normalizeSeverity(a.database_specific?.severity));
  }
  return severity;
}

function fixedVersion(vuln: OsvVulnerability, pkg: string): string | undefined {
  for (const affected of vuln.affected ?? []) {
    if (affected.package && affected.package.name !== pkg) continue;
    for (const range of affected.ranges ?? []) {
      const fixed = range.events.find((e) => e.fixed !== undefined)?.fixed;
      if (fixed) return fixed;
    }
  }
  return undefined;
}
