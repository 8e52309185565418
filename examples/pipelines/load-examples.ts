import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';

export const EXAMPLES_DIR = import.meta.dirname;
export const REPO_ROOT = resolve(EXAMPLES_DIR, '..', '..');

// Tests walk parsed YAML of several shapes; a loose record type keeps the walking readable.
export type Doc = Record<string, any>;

export function exampleFiles(): string[] {
  return readdirSync(EXAMPLES_DIR).filter((name) => /\.ya?ml$/.test(name)).sort();
}

/** Every document of a YAML file, failing on any parse error or warning with the file's name. */
export function readExample(file: string): Doc[] {
  const text = readFileSync(join(EXAMPLES_DIR, file), 'utf8');
  return parseAllDocuments(text).map((document, index) => {
    const problems = [...document.errors, ...document.warnings];
    if (problems.length > 0) throw new Error(`${file} document ${index}: ${problems.map((p) => p.message).join('; ')}`);
    const value = document.toJS({ maxAliasCount: 0 }) as unknown;
    if (!value || typeof value !== 'object' || Array.isArray(value)) throw new Error(`${file} document ${index} is not a mapping`);
    return value as Doc;
  });
}

/** The value at a dotted path, or undefined. */
export function at(doc: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), doc);
}

/** Pod specs wherever a resource carries one (Job, Deployment, Rollout, an AnalysisTemplate's job metric). */
export function podSpecs(doc: Doc): { where: string; spec: Doc }[] {
  const found: { where: string; spec: Doc }[] = [];
  const direct = at(doc, 'spec.template.spec');
  if (direct) found.push({ where: `${doc.kind} ${doc.metadata?.name}`, spec: direct as Doc });
  for (const metric of (at(doc, 'spec.metrics') as Doc[] | undefined) ?? []) {
    const spec = at(metric, 'provider.job.spec.template.spec');
    if (spec) found.push({ where: `${doc.kind} ${doc.metadata?.name} metric ${metric.name}`, spec: spec as Doc });
  }
  return found;
}
