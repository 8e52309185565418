import type { z } from 'zod';
import type { InputIssues } from '../input/issues.ts';
import { readJson } from '../input/read-file.ts';
import type { Finding } from './finding.ts';
import { findingsFromNpmAudit, npmAuditSchema } from './npm-audit.ts';
import { findingsFromOsv, osvSchema } from './osv.ts';
import { findingsFromSarif, sarifSchema } from './sarif.ts';

export type ScanFormat = 'npm-audit' | 'osv-scanner' | 'sarif';

export interface ScanReport {
  file: string;
  format: ScanFormat;
  findings: Finding[];
}

/** Tells the format from the document itself. */
export function detectScanFormat(doc: unknown): ScanFormat | undefined {
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) return undefined;
  const o = doc as Record<string, unknown>;
  if ('runs' in o || ('version' in o && String(o.$schema ?? '').includes('sarif'))) return 'sarif';
  if ('auditReportVersion' in o || ('vulnerabilities' in o && 'metadata' in o) || 'advisories' in o) return 'npm-audit';
  if ('results' in o) return 'osv-scanner';
  return undefined;
}

/** Reads and validates one scan report; problems land in `issues` with the file and JSON path. */
export function readScan(file: string, issues: InputIssues, format?: ScanFormat): ScanReport | undefined {
  const doc = readJson(file, issues);
  if (doc === undefined) return undefined;
  const detected = format ?? detectScanFormat(doc);
  switch (detected) {
    case 'npm-audit':
      return parseWith(npmAuditSchema, doc, file, issues, (r) => ({ file, format: detected, findings: findingsFromNpmAudit(r, file) }));
    case 'osv-scanner':
      return parseWith(osvSchema, doc, file, issues, (r) => ({ file, format: detected, findings: findingsFromOsv(r, file) }));
    case 'sarif':
      return parseWith(sarifSchema, doc, file, issues, (r) => ({ file, format: detected, findings: findingsFromSarif(r, file) }));
    case undefined:
      issues.add({ file, path: '$', message: 'not a recognised scan report', expected: 'npm audit --json (v2), osv-scanner --format json, or SARIF 2.1.0' });
      return undefined;
  }
}

function parseWith<S extends z.ZodType>(schema: S, doc: unknown, file: string, issues: InputIssues, make: (r: z.infer<S>) => ScanReport): ScanReport | undefined {
  const parsed = schema.safeParse(doc);
  if (!parsed.success) {
    issues.addZod(file, parsed.error);
    return undefined;
  }
  return make(parsed.data);
}
