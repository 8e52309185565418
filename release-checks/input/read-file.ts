import { readFileSync } from 'node:fs';
import { parseAllDocuments, parseDocument } from 'yaml';
import type { Document } from 'yaml';
import { errorMessage } from '../../core/errors.ts';
import type { InputIssues } from './issues.ts';

/** Reads a text file, recording a located issue instead of throwing. */
export function readText(file: string, issues: InputIssues): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    issues.add({ file, path: '$', message: code === 'ENOENT' ? 'file not found' : `cannot read file: ${errorMessage(error)}`, expected: 'a readable file' });
    return undefined;
  }
}

export function readJson(file: string, issues: InputIssues): unknown {
  const text = readText(file, issues);
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch (error) {
    issues.add({ file, path: '$', message: `not valid JSON: ${errorMessage(error)}`, expected: 'a JSON document' });
    return undefined;
  }
}

/** One YAML document (JSON is YAML too). */
export function readYaml(file: string, issues: InputIssues): unknown {
  const text = readText(file, issues);
  if (text === undefined) return undefined;
  const doc = parseDocument(text, { prettyErrors: true });
  if (doc.errors.length > 0) {
    for (const e of doc.errors) issues.add({ file, path: '$', message: `not valid YAML: ${e.message}`, expected: 'a YAML document' });
    return undefined;
  }
  return doc.toJS();
}

/** Every document of a multi-document YAML stream (`kubectl kustomize`, `helm template`), unresolved. */
export function readYamlStream(file: string, issues: InputIssues): Document.Parsed[] | undefined {
  const text = readText(file, issues);
  if (text === undefined) return undefined;
  const docs = parseAllDocuments(text, { prettyErrors: true });
  if (!Array.isArray(docs)) return [];
  let ok = true;
  docs.forEach((doc, index) => {
    for (const e of doc.errors) {
      ok = false;
      issues.add({ file, path: `document[${index}]`, message: `not valid YAML: ${e.message}`, expected: 'YAML documents separated by ---' });
    }
  });
  return ok ? docs : undefined;
}
