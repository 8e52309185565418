import type { Report } from '../report.ts';
import { reportSchemaV1 } from '../schema/validate.ts';

type SchemaNode = Record<string, unknown>;

/**
 * report.json: keys in the schema's declared order (so a human reads `schema`, `runId`, … `verdict` near
 * the top), free-form objects (summary, urls, digests) sorted alphabetically, 2-space indent, trailing newline.
 * The same report always gives the same bytes.
 */
export function renderJson(report: Report): string {
  return `${JSON.stringify(ordered(report, reportSchemaV1), null, 2)}\n`;
}

function ordered(value: unknown, schema: SchemaNode | undefined): unknown {
  if (Array.isArray(value)) return value.map((item) => ordered(item, child(schema, 'items')));
  if (!value || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  const properties = (resolve(schema)?.properties ?? {}) as Record<string, SchemaNode>;
  const declared = Object.keys(properties).filter((key) => key in record);
  const rest = Object.keys(record).filter((key) => !(key in properties)).sort();
  const out: Record<string, unknown> = {};
  for (const key of [...declared, ...rest]) out[key] = ordered(record[key], properties[key]);
  return out;
}

function child(schema: SchemaNode | undefined, keyword: string): SchemaNode | undefined {
  return resolve(schema)?.[keyword] as SchemaNode | undefined;
}

function resolve(schema: SchemaNode | undefined): SchemaNode | undefined {
  const ref = schema?.$ref;
  if (typeof ref !== 'string' || !ref.startsWith('#/$defs/')) return schema;
  const defs = reportSchemaV1.$defs as Record<string, SchemaNode>;
  return resolve(defs[ref.slice('#/$defs/'.length)]);
}
