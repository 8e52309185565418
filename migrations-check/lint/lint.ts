import { transactionMode } from '../apply.ts';
import type { LoadedMigrations, MigrationFile } from '../discover.ts';
import type { PreviousReleaseUsage } from '../previous-release.ts';
import { replacePlaceholders } from '../placeholders.ts';
import { parseStatements, SqlSyntaxError, type SqlStatement } from '../sql.ts';
import { relationName, setting } from './ast.ts';
import { MIGRATION_FILE, MIXED_TRANSACTION, REQUIRE_LOCK_TIMEOUT, RULES, SYNTAX_ERROR, type LintContext, type LintRule, type Severity } from './rules.ts';

export interface LintFinding {
  rule: string;
  severity: Severity;
  /** Script path relative to the migrations location. */
  file: string;
  line: number;
  message: string;
  reason: string;
  safeAlternative: string;
}

export interface LintOptions {
  /** Tables/columns the previous release uses; without it, every drop or rename is blocking. */
  previousReleaseUsage?: PreviousReleaseUsage;
  /** lock_timeout is set outside the scripts (role, Flyway initSql, PGOPTIONS). */
  lockTimeoutConfigured?: boolean;
  /** Values for `${name}` placeholders; `${flyway:…}` built-ins are always known. */
  placeholders?: Readonly<Record<string, string>>;
}

/** Every rule, for documentation and SARIF. */
export const LINT_RULES: readonly Pick<LintRule, 'id' | 'title' | 'reason' | 'safeAlternative'>[] = [...RULES, REQUIRE_LOCK_TIMEOUT, MIXED_TRANSACTION, SYNTAX_ERROR, MIGRATION_FILE];

type RuleInfo = Pick<LintRule, 'id' | 'reason' | 'safeAlternative'>;

function finding(rule: RuleInfo, file: string, line: number, message: string, severity: Severity = 'error'): LintFinding {
  return { rule: rule.id, severity, file, line, message, reason: rule.reason, safeAlternative: rule.safeAlternative };
}

function usageMap(usage: PreviousReleaseUsage | undefined): Map<string, Set<string>> | undefined {
  if (!usage) return undefined;
  return new Map(Object.entries(usage.tables).map(([table, columns]) => [table.replace(/^public\./, ''), new Set(columns)]));
}

function track(statement: SqlStatement, ctx: LintContext): void {
  const { kind, node } = statement;
  if (kind === 'CreateStmt') ctx.created.add(relationName(node.relation));
  if (kind === 'IndexStmt' && node.idxname) ctx.created.add(node.idxname);
  const lockTimeout = setting(kind, node, 'lock_timeout');
  if (lockTimeout !== undefined) ctx.lockTimeoutSet = lockTimeout !== '0';
  if (kind === 'TransactionStmt') ctx.explicitTransaction = node.kind === 'TRANS_STMT_BEGIN' || node.kind === 'TRANS_STMT_START';
  if (kind === 'AlterTableStmt') {
    for (const cmd of node.cmds ?? []) {
      const constraint = cmd.AlterTableCmd?.def?.Constraint;
      if (constraint?.skip_validation && constraint.conname) ctx.notValid.add(constraint.conname);
    }
  }
}

/** Lints one script statement by statement; findings carry the script and line. */
export async function lintFile(file: MigrationFile, options: LintOptions = {}): Promise<LintFinding[]> {
  const findings: LintFinding[] = [];
  const replaced = replacePlaceholders(file.sql, { defaultSchema: 'public', user: 'flyway', database: 'flyway', table: 'flyway_schema_history', filename: file.script }, options.placeholders);
  for (const name of new Set(replaced.missing)) {
    const line = file.sql.slice(0, file.sql.indexOf(`\${${name}}`)).split(/\r\n|\r|\n/).length;
    findings.push(finding(MIGRATION_FILE, file.script, line, `No value provided for placeholder: \${${name}}`));
  }
  let statements: SqlStatement[];
  try {
    statements = await parseStatements(replaced.sql);
  } catch (error) {
    if (error instanceof SqlSyntaxError) return [...findings, finding(SYNTAX_ERROR, file.script, error.line, error.message)];
    throw error;
  }
  const mode = transactionMode(file, statements);
  if ('mixedAt' in mode) findings.push(finding(MIXED_TRANSACTION, file.script, mode.mixedAt, `Detected both transactional and non-transactional statements within the same migration (offending statement at line ${mode.mixedAt})`));
  const ctx: LintContext = {
    file,
    transactional: 'mixedAt' in mode ? true : mode.transactional,
    created: new Set(),
    lockTimeoutSet: false,
    notValid: new Set(),
    explicitTransaction: false,
    usage: usageMap(options.previousReleaseUsage),
    lockTimeoutConfigured: options.lockTimeoutConfigured ?? false,
  };
  let lockTimeoutReported = false;
  for (const statement of statements) {
    for (const rule of RULES) {
      for (const hit of rule.check(statement, ctx)) findings.push(finding(rule, file.script, statement.line, hit.message, hit.severity));
    }
    if (!lockTimeoutReported) {
      const [hit] = REQUIRE_LOCK_TIMEOUT.check(statement, ctx);
      if (hit) {
        findings.push(finding(REQUIRE_LOCK_TIMEOUT, file.script, statement.line, hit.message, hit.severity));
        lockTimeoutReported = true;
      }
    }
    track(statement, ctx);
  }
  return findings;
}

const LINTED_KINDS = new Set(['versioned', 'baseline', 'repeatable']);

/** Lints loaded migrations (optionally only some scripts); load problems become `migration-file` findings. */
export async function lintMigrations(loaded: LoadedMigrations, options: LintOptions & { only?: ReadonlySet<string> } = {}): Promise<LintFinding[]> {
  const findings = loaded.issues.map((issue) => finding(MIGRATION_FILE, issue.file ?? loaded.location, 1, issue.message));
  for (const file of loaded.files) {
    if (!LINTED_KINDS.has(file.kind) || (options.only && !options.only.has(file.script))) continue;
    findings.push(...(await lintFile(file, options)));
  }
  return findings;
}
