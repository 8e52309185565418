import type { MigrationsCheckReport } from './check.ts';
import type { LintFinding } from './lint/lint.ts';

/** Plain-text rendering for a terminal. */

export function formatFinding(f: LintFinding): string {
  return `${f.severity}[${f.rule}] ${f.file}:${f.line}: ${f.message}\n    why: ${f.reason}\n    instead: ${f.safeAlternative}`;
}

export function formatFindings(findings: readonly LintFinding[]): string {
  const errors = findings.filter((f) => f.severity === 'error').length;
  const lines = findings.map(formatFinding);
  lines.push(`${findings.length} finding(s), ${errors} blocking`);
  return `${lines.join('\n')}\n`;
}

export function formatCheckReport(report: MigrationsCheckReport): string {
  const lines: string[] = [`migrations in ${report.location} against ${report.source}:`];
  for (const file of report.files) {
    lines.push(`  ${(file.version ?? '-').padEnd(16)} ${file.type.padEnd(12)} ${String(file.checksum).padStart(11)}  ${(file.state ?? '').padEnd(14)} ${file.script}`);
  }
  if (report.dryRun) {
    lines.push(`dry run on clone ${report.dryRun.clone}: ${report.dryRun.success ? 'succeeded' : 'FAILED'} (${report.dryRun.initialVersion ?? 'empty'} → ${report.dryRun.finalVersion ?? 'empty'})`);
    for (const script of report.dryRun.applied) {
      lines.push(`  ${script.script} ${script.transactional ? '[transaction]' : '[no transaction]'} ${script.durationMs.toFixed(1)} ms`);
      for (const statement of script.statements) {
        const locks = statement.locks.filter((l) => !l.created).map((l) => `${l.mode} ${l.relation}`);
        const extra = [...(locks.length ? [`locks ${locks.join(', ')}`] : []), ...(statement.rewrites.length ? [`REWROTE ${statement.rewrites.join(', ')}`] : [])];
        lines.push(`    line ${statement.line}: ${statement.durationMs.toFixed(1)} ms${extra.length ? `; ${extra.join('; ')}` : ''}`);
      }
    }
    for (const note of report.dryRun.notes) lines.push(`  note: ${note}`);
  }
  if (report.flyway) lines.push(`flyway CLI (${report.flyway.bin}): ${report.flyway.error ?? (report.flyway.run?.migrate.success ? 'migrate succeeded' : 'migrate failed')}`);
  if (report.error) lines.push(`error: the check could not be completed: ${report.error}`);
  return `${lines.join('\n')}\n${formatFindings(report.findings)}`;
}
