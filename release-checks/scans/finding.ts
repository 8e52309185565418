export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info', 'unknown'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** One vulnerability in one package, whatever scanner reported it. */
export interface Finding {
  /** The scanner's primary id: GHSA-…, CVE-…, SNYK-…. */
  id: string;
  /** Other ids for the same vulnerability (CVE ↔ GHSA), used by the allow-list. */
  aliases: string[];
  package: string;
  /** Installed version, or the vulnerable range when the scanner gives no version (npm audit). */
  version?: string;
  severity: Severity;
  fixedIn?: string;
  /** `npm-audit`, `osv-scanner`, `sarif:Trivy`, … */
  source: string;
  /** The scan report it came from. */
  file: string;
  title?: string;
}

/** CVSS v3 qualitative rating of a base score. */
export function severityFromScore(score: number): Severity {
  if (!Number.isFinite(score) || score < 0 || score > 10) return 'unknown';
  if (score >= 9) return 'critical';
  if (score >= 7) return 'high';
  if (score >= 4) return 'medium';
  if (score > 0) return 'low';
  return 'info';
}

const WORDS: Record<string, Severity> = {
  critical: 'critical',
  high: 'high',
  important: 'high',
  medium: 'medium',
  moderate: 'medium',
  low: 'low',
  info: 'info',
  none: 'info',
  negligible: 'info',
};

/** `HIGH`, `moderate`, `7.5`, 7.5 → a severity; anything else is unknown. */
export function normalizeSeverity(value: unknown): Severity {
  if (typeof value === 'number') return severityFromScore(value);
  if (typeof value !== 'string' || value.trim() === '') return 'unknown';
  const word = WORDS[value.trim().toLowerCase()];
  if (word) return word;
  const score = Number(value);
  return Number.isNaN(score) ? 'unknown' : severityFromScore(score);
}

/** The more severe of two, with unknown ranked below every stated severity. */
export function maxSeverity(a: Severity, b: Severity): Severity {
  return SEVERITIES.indexOf(a) <= SEVERITIES.indexOf(b) ? a : b;
}

const ID_PATTERN = /\b(CVE-\d{4}-\d{4,}|GHSA(?:-[23456789cfghjmpqrvwx]{4}){3}|PYSEC-\d{4}-\d+|GO-\d{4}-\d+|RUSTSEC-\d{4}-\d+|SNYK-[A-Z0-9-]+)\b/g;

/** Vulnerability ids mentioned in free text (rule descriptions, help). */
export function idsIn(text: string | undefined): string[] {
  return text ? [...new Set(text.match(ID_PATTERN) ?? [])] : [];
}
