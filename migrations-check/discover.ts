import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, join, relative, sep } from 'node:path';
import { ConfigError, type ConfigIssue } from '../core/errors.ts';
import { decodeMigrationText, flywayChecksum, NotUtf8Error } from './checksum.ts';
import { parseMigrationName, type MigrationKind } from './naming.ts';
import { compareVersions, type MigrationVersion } from './version.ts';

/** A migration script found on disk, named and checksummed as Flyway would. */
export interface MigrationFile {
  kind: MigrationKind;
  version?: MigrationVersion;
  description: string;
  event?: string;
  /** Path relative to the location, `/`-separated: Flyway's `script` column. */
  script: string;
  path: string;
  checksum: number;
  /** The text, decoded as UTF-8 with any byte-order mark removed. */
  sql: string;
  /** From a `<script>.conf` beside it; undefined means "let the statements decide". */
  executeInTransaction?: boolean;
}

export interface LoadedMigrations {
  location: string;
  files: MigrationFile[];
  /** Invalid names, undecodable files, duplicates, bad `.conf` files: all blocking. */
  issues: ConfigIssue[];
}

async function walk(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((entry) => (entry.isDirectory() ? walk(join(dir, entry.name)) : Promise.resolve(entry.isFile() ? [join(dir, entry.name)] : []))),
  );
  return nested.flat().sort();
}

async function readScriptConfig(path: string, script: string, issues: ConfigIssue[]): Promise<boolean | undefined> {
  let text: string;
  try {
    text = await readFile(`${path}.conf`, 'utf8');
  } catch {
    return undefined;
  }
  let executeInTransaction: boolean | undefined;
  text.split(/\r\n|\r|\n/).forEach((line, index) => {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    const [key, value] = trimmed.split('=', 2).map((part) => part.trim());
    if (key === 'executeInTransaction' && (value === 'true' || value === 'false')) executeInTransaction = value === 'true';
    else if (key === 'executeInTransaction') issues.push({ file: `${script}.conf`, path: `line ${index + 1}`, message: `executeInTransaction=${value ?? ''}`, expected: 'true or false' });
    else if (key !== 'encoding' || value?.toUpperCase().replace('-', '') !== 'UTF8') issues.push({ file: `${script}.conf`, path: `line ${index + 1}`, message: `unsupported script setting "${trimmed}"`, expected: 'executeInTransaction=true|false or encoding=UTF-8' });
  });
  return executeInTransaction;
}

async function loadFile(path: string, script: string, issues: ConfigIssue[]): Promise<MigrationFile | undefined> {
  const parsed = parseMigrationName(basename(path));
  if (parsed.ok === 'not-sql') return undefined;
  if (parsed.ok === false) {
    issues.push({ file: script, path: 'name', message: parsed.message, expected: 'V<version>__<description>.sql, R__<description>.sql, U/B<version>__<description>.sql' });
    return undefined;
  }
  const bytes = await readFile(path);
  let sql: string;
  try {
    sql = decodeMigrationText(bytes);
  } catch (error) {
    if (!(error instanceof NotUtf8Error)) throw error;
    issues.push({ file: script, path: 'content', message: error.message, expected: 'UTF-8 text' });
    return undefined;
  }
  const executeInTransaction = await readScriptConfig(path, script, issues);
  return { ...parsed.name, script, path, checksum: flywayChecksum(sql), sql, executeInTransaction };
}

function duplicateIssues(files: readonly MigrationFile[]): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const seen = new Map<string, MigrationFile>();
  for (const file of files) {
    if (file.kind === 'callback') continue;
    const key = file.version ? `${file.kind}:${file.version.parts.join('.')}` : `${file.kind}:${file.description}`;
    const first = seen.get(key);
    if (!first) {
      seen.set(key, file);
      continue;
    }
    const what = file.version ? `version ${file.version.text}` : `description ${file.description}`;
    const code = file.version ? `DUPLICATE_${file.kind === 'undo' ? 'UNDO' : 'VERSIONED'}_MIGRATION` : 'DUPLICATE_REPEATABLE_MIGRATION';
    issues.push({ file: file.script, path: 'name', message: `${code}: Found more than one migration with ${what} (${first.script} and ${file.script})`, expected: 'each version once (1, 1.0 and 1.0.0 are the same version)' });
  }
  return issues;
}

/** Flyway's order: versioned by version, undo after its versioned, then repeatables by description. */
export function compareMigrations(a: MigrationFile, b: MigrationFile): number {
  if (a.version && b.version) {
    const byVersion = compareVersions(a.version, b.version);
    if (byVersion !== 0) return byVersion;
    return Number(a.kind === 'undo') - Number(b.kind === 'undo');
  }
  if (a.version) return -1;
  if (b.version) return 1;
  return a.description < b.description ? -1 : a.description > b.description ? 1 : 0;
}

/** Reads a Flyway location (a directory, recursively) or a single script. Throws ConfigError if unreadable. */
export async function loadMigrations(location: string): Promise<LoadedMigrations> {
  let isFile: boolean;
  try {
    isFile = (await stat(location)).isFile();
  } catch {
    throw new ConfigError('MIGRATIONS_NOT_FOUND', [{ file: location, path: '', message: 'does not exist or cannot be read', expected: 'a directory of Flyway migrations or a .sql file' }]);
  }
  const root = isFile ? dirname(location) : location;
  const paths = isFile ? [location] : await walk(location);
  const issues: ConfigIssue[] = [];
  const files: MigrationFile[] = [];
  for (const path of paths) {
    const file = await loadFile(path, relative(root, path).split(sep).join('/'), issues);
    if (file) files.push(file);
  }
  files.sort(compareMigrations);
  return { location: root, files, issues: [...issues, ...duplicateIssues(files)] };
}
