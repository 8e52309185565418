import { InvalidVersionError, parseVersion, type MigrationVersion } from './version.ts';

export type MigrationKind = 'versioned' | 'undo' | 'baseline' | 'repeatable' | 'callback';

export interface ParsedName {
  kind: MigrationKind;
  version?: MigrationVersion;
  /** Underscores replaced by spaces, as in `flyway_schema_history.description`. */
  description: string;
  /** For callbacks: the event, e.g. `afterMigrate`. */
  event?: string;
}

export type NameParse = { ok: true; name: ParsedName } | { ok: false; message: string } | { ok: 'not-sql' };

const SEPARATOR = '__';
const SUFFIX = '.sql';

const CALLBACK_EVENTS = [
  'beforeMigrate', 'beforeEachMigrate', 'beforeEachMigrateStatement', 'afterEachMigrateStatement',
  'afterEachMigrateStatementError', 'afterEachMigrate', 'afterEachMigrateError', 'afterMigrate',
  'afterMigrateApplied', 'afterVersioned', 'afterMigrateError', 'beforeUndo', 'beforeEachUndo',
  'beforeEachUndoStatement', 'afterEachUndoStatement', 'afterEachUndoStatementError', 'afterEachUndo',
  'afterEachUndoError', 'afterUndo', 'afterUndoError', 'beforeClean', 'afterClean', 'afterCleanError',
  'beforeInfo', 'afterInfo', 'afterInfoError', 'beforeValidate', 'afterValidate', 'afterValidateError',
  'beforeBaseline', 'afterBaseline', 'afterBaselineError', 'beforeRepair', 'afterRepair', 'afterRepairError',
  'createSchema', 'beforeConnect', 'afterConnect',
];

const PREFIXES: readonly { prefix: string; kind: MigrationKind }[] = [
  ...CALLBACK_EVENTS.map((prefix) => ({ prefix, kind: 'callback' as const })),
  { prefix: 'V', kind: 'versioned' as const },
  { prefix: 'U', kind: 'undo' as const },
  { prefix: 'B', kind: 'baseline' as const },
  { prefix: 'R', kind: 'repeatable' as const },
].sort((a, b) => b.prefix.length - a.prefix.length);

const VERSIONED_HINT = '(It must contain a version and should look like this: V1.2__desc.sql)';

/**
 * Parses a file name as Flyway's ResourceNameParser does: suffix case-insensitive, prefix
 * case-sensitive and longest first, split at the first `__`. Unlike Flyway (which silently skips
 * them unless validateMigrationNaming is set) invalid names are reported, so no file can vanish.
 */
export function parseMigrationName(fileName: string): NameParse {
  if (!fileName.toLowerCase().endsWith(SUFFIX)) return { ok: 'not-sql' };
  const base = fileName.slice(0, -SUFFIX.length);
  const match = PREFIXES.find(({ prefix }) => base.startsWith(prefix));
  if (!match) return { ok: false, message: `Unrecognised migration name format: ${fileName}` };
  const rest = base.slice(match.prefix.length);
  const at = rest.indexOf(SEPARATOR);
  const before = at < 0 ? rest : rest.slice(0, at);
  const description = at < 0 ? '' : rest.slice(at + SEPARATOR.length).replaceAll('_', ' ');

  if (match.kind === 'callback') {
    if (before !== '') return { ok: false, message: `Invalid callback name format: ${fileName}` };
    return { ok: true, name: { kind: 'callback', description, event: match.prefix } };
  }
  if (match.kind === 'repeatable') {
    if (at !== 0) return { ok: false, message: `Invalid repeatable migration name format: ${fileName} (It cannot contain a version and should look like this: R__desc.sql)` };
    return { ok: true, name: { kind: 'repeatable', description } };
  }
  if (at <= 0) return { ok: false, message: `Invalid versioned migration name format: ${fileName} ${VERSIONED_HINT}` };
  try {
    return { ok: true, name: { kind: match.kind, version: parseVersion(before), description } };
  } catch (error) {
    if (error instanceof InvalidVersionError) return { ok: false, message: `Invalid versioned migration name format: ${fileName} ${VERSIONED_HINT}: ${error.message}` };
    throw error;
  }
}

/** The `type` column Flyway writes for a SQL migration of this kind. */
export function historyType(kind: MigrationKind): string {
  if (kind === 'baseline') return 'SQL_BASELINE';
  if (kind === 'undo') return 'UNDO_SQL';
  return 'SQL';
}
