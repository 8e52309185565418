import { z } from 'zod';
import type { Finding, Severity } from './finding.ts';
import { idsIn, normalizeSeverity } from './finding.ts';

const text = z.object({ text: z.string().optional(), markdown: z.string().optional() }).loose();
const properties = z.record(z.string(), z.unknown());

const rule = z
  .object({
    id: z.string(),
    name: z.string().optional(),
    shortDescription: text.optional(),
    fullDescription: text.optional(),
    help: text.optional(),
    properties: properties.optional(),
  })
  .loose();

const result = z
  .object({
    ruleId: z.string().optional(),
    ruleIndex: z.number().int().nonnegative().optional(),
    level: z.enum(['none', 'note', 'warning', 'error']).optional(),
    message: text,
    locations: z
      .array(
        z
          .object({
            physicalLocation: z.object({ artifactLocation: z.object({ uri: z.string().optional() }).loose().optional() }).loose().optional(),
            logicalLocations: z.array(z.object({ fullyQualifiedName: z.string().optional(), name: z.string().optional() }).loose()).optional(),
          })
          .loose(),
      )
      .optional(),
    fixes: z.array(z.object({ description: text.optional() }).loose()).optional(),
    properties: properties.optional(),
  })
  .loose()
  .refine((r) => r.ruleId !== undefined || r.ruleIndex !== undefined, 'a result needs ruleId or ruleIndex');

/** SARIF 2.1.0 as Snyk, Trivy and OWASP Dependency-Check write it. */
export const sarifSchema = z.object({
  version: z.literal('2.1.0', { message: 'expected SARIF version "2.1.0"' }),
  runs: z
    .array(
      z.object({
        tool: z.object({ driver: z.object({ name: z.string(), rules: z.array(rule).optional() }).loose() }),
        results: z.array(result, { message: 'expected the run\'s results array (a run without it did not scan)' }),
      }),
    )
    .min(1, 'no runs: the scanner did not run'),
});

type Sarif = z.infer<typeof sarifSchema>;
type Rule = z.infer<typeof rule>;
type Result = z.infer<typeof result>;

export function findingsFromSarif(report: Sarif, file: string): Finding[] {
  const findings: Finding[] = [];
  for (const run of report.runs) {
    const rules = run.tool.driver.rules ?? [];
    for (const res of run.results) {
      const r = res.ruleIndex !== undefined ? rules[res.ruleIndex] : rules.find((x) => x.id === res.ruleId);
      const id = res.ruleId ?? r?.id ?? 'unknown-rule';
      const pkg = packageOf(res);
      const aliases = idsIn([r?.name, r?.shortDescription?.text, r?.fullDescription?.text, r?.help?.text].join('\n')).filter((a) => a !== id);
      findings.push({
        id,
        aliases,
        package: pkg.name,
        version: pkg.version,
        severity: severityOf(r, res),
        fixedIn: fixedInOf(res),
        source: `sarif:${run.tool.driver.name}`,
        file,
        title: r?.shortDescription?.text,
      });
    }
  }
  return findings;
}

/** `security-severity` (GitHub's convention, written by all three tools), then stated words, never the SARIF level. */
function severityOf(r: Rule | undefined, res: Result): Severity {
  for (const props of [res.properties, r?.properties]) {
    if (!props) continue;
    for (const key of ['security-severity', 'cvssv3_baseScore', 'cvssv3_baseSeverity', 'severity', 'cvssv2_score']) {
      const severity = normalizeSeverity(props[key]);
      if (severity !== 'unknown') return severity;
    }
    const tags = Array.isArray(props.tags) ? props.tags : [];
    for (const tag of tags) {
      const severity = normalizeSeverity(tag);
      if (severity !== 'unknown' && typeof tag === 'string' && Number.isNaN(Number(tag))) return severity;
    }
  }
  const stated = /Severity:\s*(\w+)/i.exec(res.message.text ?? '')?.[1];
  return normalizeSeverity(stated);
}

/** purl or `name@version` in a logical location (Snyk, Dependency-Check), else Trivy's `Package:` message lines. */
function packageOf(res: Result): { name: string; version?: string } {
  for (const loc of res.locations ?? []) {
    for (const logical of loc.logicalLocations ?? []) {
      const parsed = parsePackageRef(logical.fullyQualifiedName ?? logical.name);
      if (parsed) return parsed;
    }
  }
  const msg = res.message.text ?? '';
  const name = /Package:\s*(\S+)/.exec(msg)?.[1];
  if (name) return { name, version: /Installed Version:\s*(\S+)/.exec(msg)?.[1] };
  const uri = res.locations?.[0]?.physicalLocation?.artifactLocation?.uri;
  return { name: uri ? (uri.split('/').pop() ?? uri) : 'unknown' };
}

export function parsePackageRef(ref: string | undefined): { name: string; version?: string } | undefined {
  if (!ref) return undefined;
  const purl = /^pkg:([^/]+)\/(.+?)(?:@([^?#@]+))?(?:[?#].*)?$/.exec(ref);
  if (purl?.[2]) {
    const name = decodeURIComponent(purl[2]);
    return { name: purl[1] === 'maven' ? name.replace('/', ':') : name, version: purl[3] && decodeURIComponent(purl[3]) };
  }
  const at = /^(@?[^@\s]+)@([^@\s]+)$/.exec(ref);
  return at?.[1] ? { name: at[1], version: at[2] } : undefined;
}

function fixedInOf(res: Result): string | undefined {
  const trivy = /Fixed Version:\s*(\S+)/.exec(res.message.text ?? '')?.[1];
  if (trivy) return trivy;
  for (const fix of res.fixes ?? []) {
    const upgrade = /Upgrade to (\S+)/i.exec(fix.description?.text ?? '')?.[1];
    if (upgrade) return upgrade;
  }
  return undefined;
}
