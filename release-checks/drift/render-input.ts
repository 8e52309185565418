import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { parseAllDocuments } from 'yaml';
import type { Document } from 'yaml';
import { errorMessage } from '../../core/errors.ts';
import type { InputIssues } from '../input/issues.ts';
import { readYamlStream } from '../input/read-file.ts';

export interface YamlSource {
  /** Where the documents came from, for messages. */
  file: string;
  docs: Document.Parsed[];
}

const KUSTOMIZATION = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

/**
 * Rendered manifests from a YAML file, a folder of YAML files, or a kustomization folder (rendered with
 * `kubectl kustomize`, as the cluster would see it).
 */
export async function loadRenderedYaml(path: string, issues: InputIssues, signal?: AbortSignal): Promise<YamlSource[] | undefined> {
  let isDir: boolean;
  try {
    isDir = statSync(path).isDirectory();
  } catch {
    issues.add({ file: path, path: '$', message: 'not found', expected: 'rendered manifests: a YAML file, a folder of YAML files, or a kustomization folder' });
    return undefined;
  }
  if (!isDir) {
    const docs = readYamlStream(path, issues);
    return docs && [{ file: path, docs }];
  }
  if (KUSTOMIZATION.some((k) => existsSync(join(path, k)))) return renderKustomize(path, issues, signal);
  const files = readdirSync(path).filter((f) => /\.ya?ml$/i.test(f)).sort();
  if (files.length === 0) {
    issues.add({ file: path, path: '$', message: 'folder holds no .yaml file and no kustomization', expected: 'rendered manifests' });
    return undefined;
  }
  const sources: YamlSource[] = [];
  for (const f of files) {
    const docs = readYamlStream(join(path, f), issues);
    if (docs) sources.push({ file: join(path, f), docs });
  }
  return sources.length === files.length ? sources : undefined;
}

async function renderKustomize(dir: string, issues: InputIssues, signal?: AbortSignal): Promise<YamlSource[] | undefined> {
  const file = `kubectl kustomize ${dir}`;
  try {
    const { stdout } = await execa('kubectl', ['kustomize', dir], { timeout: 60_000, cancelSignal: signal });
    const docs = parseAllDocuments(stdout);
    const parsed = Array.isArray(docs) ? docs : [];
    const broken = parsed.flatMap((d, i) => d.errors.map((e) => ({ i, e })));
    for (const { i, e } of broken) issues.add({ file, path: `document[${i}]`, message: `not valid YAML: ${e.message}` });
    return broken.length === 0 ? [{ file, docs: parsed }] : undefined;
  } catch (error) {
    issues.add({ file: dir, path: '$', message: `kubectl kustomize failed: ${errorMessage(error).split('\n').slice(0, 3).join(' ')}`, expected: 'a kustomization that renders (kubectl on PATH)' });
    return undefined;
  }
}
