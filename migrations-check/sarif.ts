import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import type { LintFinding } from './lint/lint.ts';
import { LINT_RULES } from './lint/lint.ts';

/** SARIF 2.1.0 log for lint findings, one run, rules with their reason and safe alternative. */
export function toSarif(findings: readonly LintFinding[], location: string, toolVersion = '0.1.0'): object {
  const ruleIds = [...new Set([...LINT_RULES.map((r) => r.id), ...findings.map((f) => f.rule)])];
  const rules = ruleIds.map((id) => {
    const rule = LINT_RULES.find((r) => r.id === id);
    const example = findings.find((f) => f.rule === id);
    return {
      id,
      name: id,
      shortDescription: { text: rule?.title ?? id },
      fullDescription: { text: rule?.reason ?? example?.reason ?? id },
      help: { text: rule?.safeAlternative ?? example?.safeAlternative ?? '' },
    };
  });
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'greenlight-migrations', version: toolVersion, rules } },
        originalUriBaseIds: { MIGRATIONS: { uri: `${pathToFileURL(join(location, '/')).href}` } },
        results: findings.map((f) => ({
          ruleId: f.rule,
          ruleIndex: ruleIds.indexOf(f.rule),
          level: f.severity === 'error' ? 'error' : 'warning',
          message: { text: `${f.message}. ${f.reason} Instead: ${f.safeAlternative}` },
          locations: [{ physicalLocation: { artifactLocation: { uri: f.file, uriBaseId: 'MIGRATIONS' }, region: { startLine: f.line } } }],
        })),
      },
    ],
  };
}
