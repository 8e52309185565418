import { readFileSync } from 'node:fs';
import { ConfigError, errorMessage } from '../core/errors.ts';
import { REPORT_SCHEMA, type Report } from './report.ts';
import { validateReport } from './schema/validate.ts';

/** The newest report version this tool reads and writes. */
export const CURRENT_REPORT_VERSION = 1;

/**
 * Upgrades a raw report of version N to version N + 1. Only v1 exists, so the map is empty; when v2
 * arrives, `1: (v1) => v2` goes here and older reports keep opening.
 */
export type ReportMigration = (raw: Record<string, unknown>) => Record<string, unknown>;
export const REPORT_MIGRATIONS: Readonly<Record<number, ReportMigration>> = {};

const SCHEMA_ID = /^greenlight\.report\/v(\d+)$/;

/** Reads and validates a report.json; every problem is a ConfigError naming the file and the JSON path. */
export function readReport(path: string): Report {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError('report_unreadable', [{ file: path, path: '$', message: `cannot be read: ${errorMessage(error)}` }]);
  }
  return parseReport(text, path);
}

/** Parses report JSON text; `source` names where it came from in errors. */
export function parseReport(text: string, source = '<report>'): Report {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new ConfigError('report_invalid_json', [{ file: source, path: '$', message: `is not valid JSON: ${errorMessage(error)}` }]);
  }
  const upgraded = migrateReport(raw, source);
  const result = validateReport(upgraded);
  if (!result.ok) {
    throw new ConfigError(
      'report_invalid',
      result.issues.map((issue) => ({ ...issue, file: source })),
      `${source} does not match ${REPORT_SCHEMA}; was it written by another tool or edited by hand?`,
    );
  }
  return upgraded as Report;
}

/** Brings a raw report up to the current version, refusing versions newer than this tool. */
export function migrateReport(raw: unknown, source = '<report>', migrations: Readonly<Record<number, ReportMigration>> = REPORT_MIGRATIONS): unknown {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new ConfigError('report_invalid', [{ file: source, path: '$', message: 'is not a JSON object', expected: 'a Greenlight report object' }]);
  }
  const schema = (raw as Record<string, unknown>).schema;
  const match = typeof schema === 'string' ? SCHEMA_ID.exec(schema) : null;
  if (!match) {
    throw new ConfigError('report_invalid', [
      { file: source, path: 'schema', message: `is ${JSON.stringify(schema)}, not a Greenlight report version`, expected: `"${REPORT_SCHEMA}"` },
    ]);
  }
  let version = Number(match[1]);
  if (version > CURRENT_REPORT_VERSION) {
    throw new ConfigError(
      'report_too_new',
      [{ file: source, path: 'schema', message: `is "${schema}", newer than this tool understands`, expected: `"${REPORT_SCHEMA}" or older` }],
      'upgrade greenlight to read this report',
    );
  }
  let current = raw as Record<string, unknown>;
  while (version < CURRENT_REPORT_VERSION) {
    const migrate = migrations[version];
    if (!migrate) {
      throw new ConfigError('report_too_old', [
        { file: source, path: 'schema', message: `is "${schema}" and no migration from v${version} exists`, expected: `"${REPORT_SCHEMA}"` },
      ]);
    }
    current = migrate(current);
    version += 1;
  }
  return current;
}
