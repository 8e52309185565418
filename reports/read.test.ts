import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../core/errors.ts';
import { migrateReport, readReport } from './read.ts';
import { renderJson } from './render/json.ts';
import { sampleReport } from './testing/sample-report.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'greenlight-read-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

function configErrorOf(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

describe('readReport', () => {
  it('reads back what renderJson wrote', () => {
    const path = write('report.json', renderJson(sampleReport()));
    expect(readReport(path)).toEqual(sampleReport());
  });

  it('refuses a report newer than the tool, naming the file and the field', () => {
    const path = write('report.json', JSON.stringify({ ...sampleReport(), schema: 'greenlight.report/v2' }));
    const error = configErrorOf(() => readReport(path));
    expect(error.code).toBe('report_too_new');
    expect(error.message).toContain(`${path}: schema: is "greenlight.report/v2", newer than this tool understands`);
    expect(error.hint).toMatch(/upgrade greenlight/);
  });

  it('names the file and the JSON path of an invalid field', () => {
    const report: any = sampleReport();
    report.stages[1].checks[0].status = 'bad';
    const path = write('report.json', JSON.stringify(report));
    const error = configErrorOf(() => readReport(path));
    expect(error.code).toBe('report_invalid');
    expect(error.issues[0]).toMatchObject({ file: path, path: 'stages[1].checks[0].status' });
    expect(error.message).toContain(`${path}: stages[1].checks[0].status: has a value outside the allowed set`);
  });

  const unreadable: [string, string | undefined, string, RegExp][] = [
    ['a missing file', undefined, 'report_unreadable', /cannot be read: ENOENT/],
    ['broken JSON', '{"schema": ', 'report_invalid_json', /\$: is not valid JSON/],
    ['a JSON array', '[]', 'report_invalid', /\$: is not a JSON object/],
    ['a foreign document', '{"schema": "other/v1"}', 'report_invalid', /schema: is "other\/v1", not a Greenlight report version/],
    ['a version with no migration', '{"schema": "greenlight.report/v0"}', 'report_too_old', /no migration from v0/],
  ];
  it.each(unreadable)('rejects %s with a ConfigError', (_name, text, code, message) => {
    const path = text === undefined ? join(dir, 'missing.json') : write('report.json', text);
    const error = configErrorOf(() => readReport(path));
    expect(error.code).toBe(code);
    expect(error.message).toContain(path);
    expect(error.message).toMatch(message);
  });
});

describe('migrateReport', () => {
  it('runs the migration hooks in order up to the current version', () => {
    const { schema: _schema, ...rest } = sampleReport();
    const old = { schema: 'greenlight.report/v0', ...rest, verdictWord: rest.verdict };
    const migrated = migrateReport(old, 'old.json', {
      0: ({ verdictWord: _dropped, ...r }) => ({ ...r, schema: 'greenlight.report/v1' }),
    });
    expect(migrated).toEqual(sampleReport());
  });
});
