import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadMigrations } from '../discover.ts';
import { migrate, type MigrateResult } from '../migrate.ts';
import { startEmbeddedPostgres, type EmbeddedServer } from '../embedded-postgres.ts';
import { LINT_CASES, SETUP, type LintCase } from './lint-cases.ts';
import { LINT_RULES, lintMigrations } from './lint.ts';

let server: EmbeddedServer;
const dirs: string[] = [];
let databases = 0;

beforeAll(async () => {
  server = await startEmbeddedPostgres();
  // The released schema is built once; each case gets a template copy of it.
  const seeded = await migrate(await server.createDatabase('released'), await migrationDir({}));
  expect(seeded.success).toBe(true);
}, 60_000);

afterAll(async () => {
  await server?.stop();
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

async function migrationDir(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'gl-lint-'));
  dirs.push(dir);
  await writeFile(join(dir, 'V1__setup.sql'), SETUP);
  for (const [name, sql] of Object.entries(files)) await writeFile(join(dir, name), sql);
  return dir;
}

async function lintAndMigrate(files: Record<string, string>, usage?: Record<string, string[]>) {
  const dir = await migrationDir(files);
  const loaded = await loadMigrations(dir);
  const findings = await lintMigrations(loaded, { only: new Set(Object.keys(files)), previousReleaseUsage: usage ? { tables: usage } : undefined });
  const name = `lint_${++databases}`;
  await server.query('postgres', `CREATE DATABASE ${name} TEMPLATE released STRATEGY FILE_COPY`);
  const url = server.url(name);
  const result = await migrate(url, dir, { sampleLocks: true });
  return { findings, result };
}


function locksOf(result: MigrateResult): string[] {
  return result.applied.flatMap((script) => script.statements.flatMap((s) => s.locks.map((l) => `${l.mode} on ${l.relation}`)));
}

describe.each(LINT_CASES.map((c, i) => [`${c.rule} #${i}`, c] as [string, LintCase]))('%s', (_, lintCase) => {
  test('the unsafe form is found, with file and line, and PostgreSQL shows why', async () => {
    const { findings, result } = await lintAndMigrate(lintCase.bad, lintCase.usage);
    const [script] = Object.keys(lintCase.bad);
    expect(findings).toContainEqual(expect.objectContaining({ rule: lintCase.rule, severity: 'error', file: script, line: lintCase.line }));
    const { lock, rewrite, fails } = lintCase.observed;
    if (fails) {
      expect(result.success).toBe(false);
      expect([result.failure?.sqlState, result.failure?.code]).toContain(fails);
      expect(result.failure?.script).toBe(script);
    } else {
      expect(result.failure).toBeUndefined();
      expect(result.success).toBe(true);
    }
    if (lock) expect(locksOf(result)).toContain(lock);
    if (rewrite) expect(result.applied.flatMap((a) => a.statements.flatMap((s) => s.rewrites))).toContain(rewrite);
  });

  test('the safe form passes lint and applies', async () => {
    const { findings, result } = await lintAndMigrate(lintCase.fixed, lintCase.fixedUsage ?? lintCase.usage);
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(result.failure).toBeUndefined();
    expect(result.success).toBe(true);
    expect(result.applied.map((a) => a.script)).toEqual(Object.keys(lintCase.fixed).filter((n) => n.endsWith('.sql')));
    expect(result.applied.flatMap((a) => a.statements.flatMap((s) => s.rewrites))).toEqual([]);
  });
});

test('every rule has a case, a reason and a safe alternative', () => {
  const covered = new Set(LINT_CASES.map((c) => c.rule));
  for (const rule of LINT_RULES) {
    expect(rule.reason.length).toBeGreaterThan(10);
    expect(rule.safeAlternative.length).toBeGreaterThan(10);
    if (rule.id !== 'syntax-error' && rule.id !== 'migration-file') expect(covered, rule.id).toContain(rule.id);
  }
});
