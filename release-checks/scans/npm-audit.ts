import { z } from 'zod';
import type { Finding } from './finding.ts';
import { normalizeSeverity } from './finding.ts';

const advisory = z.object({
  source: z.union([z.number(), z.string()]),
  name: z.string(),
  title: z.string().optional(),
  url: z.string().optional(),
  severity: z.string(),
  range: z.string().optional(),
});

const vulnerability = z.object({
  name: z.string(),
  severity: z.string(),
  via: z.array(z.union([z.string(), advisory])),
  range: z.string().optional(),
  fixAvailable: z.union([z.boolean(), z.object({ name: z.string(), version: z.string(), isSemVerMajor: z.boolean().optional() })]).optional(),
});

/** `npm audit --json` of npm 7 and later (auditReportVersion 2). */
export const npmAuditSchema = z.object({
  auditReportVersion: z.literal(2, { message: 'expected auditReportVersion 2 (npm 7+); run npm audit --json with npm 7 or later' }),
  vulnerabilities: z.record(z.string(), vulnerability),
});

/**
 * One finding per advisory. Entries whose `via` only names other packages are the dependents of a vulnerable
 * package: the advisory itself is reported under that package, so they add nothing.
 */
export function findingsFromNpmAudit(report: z.infer<typeof npmAuditSchema>, file: string): Finding[] {
  const findings: Finding[] = [];
  for (const vuln of Object.values(report.vulnerabilities)) {
    for (const via of vuln.via) {
      if (typeof via === 'string') continue;
      const ghsa = via.url?.match(/GHSA(?:-[a-z0-9]{4}){3}/i)?.[0];
      const npmId = `npm:${via.source}`;
      findings.push({
        id: ghsa ?? npmId,
        aliases: ghsa ? [npmId] : [],
        package: via.name,
        version: via.range ?? vuln.range,
        severity: normalizeSeverity(via.severity),
        fixedIn: fixedIn(vuln.fixAvailable, via.name),
        source: 'npm-audit',
        file,
        title: via.title,
      });
    }
  }
  return findings;
}

function fixedIn(fix: z.infer<typeof vulnerability>['fixAvailable'], pkg: string): string | undefined {
  if (fix === undefined || typeof fix === 'boolean') return fix ? 'fix available (npm audit fix)' : undefined;
  return fix.name === pkg ? fix.version : `${fix.name}@${fix.version}${fix.isSemVerMajor ? ' (semver-major)' : ''}`;
}
