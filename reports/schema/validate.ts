import { readFileSync } from 'node:fs';
import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';
import addFormatsModule, { type FormatsPlugin } from 'ajv-formats';
import type { ConfigIssue } from '../../core/errors.ts';

/** The JSON Schema of report v1, as shipped beside this file. */
export const reportSchemaV1: Record<string, unknown> = JSON.parse(
  readFileSync(new URL('./report.v1.schema.json', import.meta.url), 'utf8'),
);

// ajv-formats is CommonJS: under Node's ESM loader its default export is the module object.
const addFormats: FormatsPlugin = (addFormatsModule as unknown as { default?: FormatsPlugin }).default ?? (addFormatsModule as unknown as FormatsPlugin);

const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
addFormats(ajv, ['date-time']);
const validateV1 = ajv.compile(reportSchemaV1);

export interface ReportValidation {
  ok: boolean;
  /** One line per problem: `stages[1].checks[0].status: must be one of …`. */
  errors: string[];
  issues: ConfigIssue[];
}

/** Validates parsed JSON against the report v1 schema, reporting every problem with its JSON path. */
export function validateReport(json: unknown): ReportValidation {
  if (validateV1(json)) return { ok: true, errors: [], issues: [] };
  const issues = dedupe((validateV1.errors ?? []).filter((e) => e.keyword !== 'if').map(toIssue));
  return { ok: false, errors: issues.map((i) => `${i.path}: ${i.message}${i.expected ? ` (expected ${i.expected})` : ''}`), issues };
}

/** `/stages/1/checks/0/status` → `stages[1].checks[0].status`; the root is `$`. */
export function jsonPointerToPath(pointer: string, child?: string): string {
  const segments = pointer.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (child !== undefined) segments.push(child);
  let path = '';
  for (const segment of segments) {
    if (/^\d+$/.test(segment)) path += `[${segment}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(segment)) path += path ? `.${segment}` : segment;
    else path += `[${JSON.stringify(segment)}]`;
  }
  return path || '$';
}

function toIssue(error: ErrorObject): ConfigIssue {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return { path: jsonPointerToPath(error.instancePath, String(params.missingProperty)), message: 'is required but missing' };
    case 'additionalProperties':
      return { path: jsonPointerToPath(error.instancePath, String(params.additionalProperty)), message: 'is not a known property of a v1 report' };
    case 'enum':
      return { path: jsonPointerToPath(error.instancePath), message: 'has a value outside the allowed set', expected: `one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}` };
    case 'const':
      if (error.instancePath === '/exitCode') {
        return { path: 'exitCode', message: 'does not match the verdict', expected: JSON.stringify(params.allowedValue) };
      }
      return { path: jsonPointerToPath(error.instancePath), message: 'has the wrong value', expected: JSON.stringify(params.allowedValue) };
    default:
      return { path: jsonPointerToPath(error.instancePath), message: error.message ?? `fails ${error.keyword}` };
  }
}

function dedupe(issues: ConfigIssue[]): ConfigIssue[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const key = `${i.path}\u0000${i.message}\u0000${i.expected ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
