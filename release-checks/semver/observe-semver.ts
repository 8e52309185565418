import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { InputIssues } from '../input/issues.ts';
import { readText } from '../input/read-file.ts';
import type { LoadedManifest } from '../manifest.ts';
import type { DestructiveChange } from './destructive-sql.ts';
import { findDestructiveChanges } from './destructive-sql.ts';
import type { SemverObservation } from './evaluate-semver.ts';
import { isStrictSemver } from './evaluate-semver.ts';

export interface ObserveSemverInput {
  candidate: LoadedManifest;
  production: { manifest?: LoadedManifest; version?: string; versionSource: string };
  /** SQL files, or folders whose *.sql files are read in name order. */
  migrations: readonly string[];
}

export function observeSemver(input: ObserveSemverInput, issues: InputIssues): SemverObservation | undefined {
  const production = productionVersion(input, issues);
  const migrationFiles = input.migrations.flatMap((p) => expandSqlPath(p, issues));
  const destructive: DestructiveChange[] = [];
  for (const file of migrationFiles) {
    const sql = readText(file, issues);
    if (sql !== undefined) destructive.push(...findDestructiveChanges(file, sql));
  }
  if (!production) return undefined;
  const candRoutes = input.candidate.manifest.routes;
  const prodRoutes = input.production.manifest?.manifest.routes;
  const removedRoutes = candRoutes && prodRoutes ? prodRoutes.filter((r) => !candRoutes.includes(r)) : undefined;
  return { candidate: input.candidate.manifest.version, production, migrationFiles, destructive, removedRoutes };
}

function productionVersion(input: ObserveSemverInput, issues: InputIssues): SemverObservation['production'] | undefined {
  const fromManifest = input.production.manifest;
  const configured = input.production.version;
  if (fromManifest && configured && fromManifest.manifest.version !== configured) {
    issues.add({
      file: input.production.versionSource,
      path: 'production.version',
      message: `says ${configured} but the production manifest ${fromManifest.file} says ${fromManifest.manifest.version}`,
      expected: 'one production version',
    });
    return undefined;
  }
  const version = fromManifest?.manifest.version ?? configured;
  const source = fromManifest ? fromManifest.file : input.production.versionSource;
  if (version === undefined) return undefined;
  if (!isStrictSemver(version)) {
    issues.add({ file: source, path: fromManifest ? '$.version' : 'production.version', message: `"${version}" is not valid SemVer`, expected: 'MAJOR.MINOR.PATCH' });
    return undefined;
  }
  return { version, source };
}

function expandSqlPath(path: string, issues: InputIssues): string[] {
  try {
    if (!statSync(path).isDirectory()) return [path];
    return readdirSync(path)
      .filter((f) => f.toLowerCase().endsWith('.sql'))
      .sort()
      .map((f) => join(path, f));
  } catch {
    issues.add({ file: path, path: '$', message: 'migration file not found', expected: 'a .sql file or a folder of them' });
    return [];
  }
}
