import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { InputIssues } from '../input/issues.ts';
import { compareRenderedSets } from './compare.ts';
import { allowedBy, evaluateDrift, pathPattern } from './evaluate-drift.ts';
import { sameQuantity } from './quantity.ts';
import { loadRenderedYaml } from './render-input.ts';
import { buildRenderedSet } from './rendered-set.ts';

const K8S = join(import.meta.dirname, '..', 'testdata', 'k8s');

function setOf(yaml: string) {
  const docs = parseAllDocuments(yaml);
  return buildRenderedSet([{ file: 'inline.yaml', docs: Array.isArray(docs) ? docs : [] }], new InputIssues());
}

describe('drift', () => {
  it.each([
    ['500m', '0.5', true],
    ['1Gi', '1024Mi', true],
    ['1G', '1Gi', false],
    ['2', '2000m', true],
    ['1e3', '1k', true],
    ['abc', 'abc', true],
    ['abc', 'abd', false],
  ])('sameQuantity(%s, %s) = %s', (a, b, same) => expect(sameQuantity(a, b)).toBe(same));

  it.each([
    ['spec.replicas', 'spec.replicas', true],
    ['spec.replicas', 'spec.replicasX', false],
    ['hpa.spec.*', 'hpa.spec.minReplicas', true],
    ['spec.template.spec.containers[*].image', 'spec.template.spec.containers[api].image', true],
    ['spec.template.spec.containers[*].image', 'spec.template.spec.containers[api].resources.limits.cpu', false],
    ['spec.template.**', 'spec.template.spec.containers[api].resources.limits.cpu', true],
    ['data[LOG_*]', 'data[LOG_LEVEL]', true],
  ])('pattern %s matches %s: %s', (glob, path, match) => expect(pathPattern(glob).test(path)).toBe(match));

  it('narrows an allow entry by kind and name', () => {
    const drift = { kind: 'Deployment', name: 'api', path: 'spec.replicas', staging: '2', production: '6' };
    expect(allowedBy({ path: 'spec.replicas', reason: 'r' }, drift)).toBe(true);
    expect(allowedBy({ kind: 'StatefulSet', path: 'spec.replicas', reason: 'r' }, drift)).toBe(false);
    expect(allowedBy({ name: 'edge', path: 'spec.replicas', reason: 'r' }, drift)).toBe(false);
  });

  it('keeps Secret key names and drops their values while parsing', () => {
    const set = setOf('kind: Secret\nmetadata: {name: s}\ndata: {PASSWORD: aHVudGVyMg==}\nstringData: {TOKEN: plain-token-value}\n');
    expect(set.secrets).toEqual({ s: ['PASSWORD', 'TOKEN'] });
    expect(JSON.stringify(set)).not.toMatch(/aHVudGVyMg|plain-token-value/);
  });

  it('records where env values come from, never the values', () => {
    const set = setOf(`kind: Deployment
metadata: {name: api}
spec:
  template:
    spec:
      containers:
        - name: api
          env:
            - {name: DB_PASSWORD, value: hunter2}
            - {name: POD_IP, valueFrom: {fieldRef: {fieldPath: status.podIP}}}
`);
    expect(set.workloads['Deployment/api']?.containers.api?.env).toEqual({ DB_PASSWORD: 'value', POD_IP: 'fieldRef:status.podIP' });
    expect(JSON.stringify(set)).not.toContain('hunter2');
  });

  it('finds nothing but the expected drift between the staging and production fixtures', async () => {
    const issues = new InputIssues();
    const staging = buildRenderedSet((await loadRenderedYaml(join(K8S, 'staging.yaml'), issues))!, issues);
    const production = buildRenderedSet((await loadRenderedYaml(join(K8S, 'production.yaml'), issues))!, issues);
    expect(issues.list).toEqual([]);
    expect(compareRenderedSets(staging, production).map((d) => `${d.kind}/${d.name} ${d.path}`)).toEqual([
      'Deployment/api spec.replicas',
      'Deployment/api hpa.spec.minReplicas',
      'Deployment/api hpa.spec.maxReplicas',
    ]);
  });

  it('reports objects present on one side only, and is inconclusive with nothing to compare', () => {
    const a = setOf('kind: ConfigMap\nmetadata: {name: a}\ndata: {X: "1"}\n---\nkind: Deployment\nmetadata: {name: w}\nspec: {replicas: 1}\n');
    const b = setOf('kind: Deployment\nmetadata: {name: w}\nspec: {replicas: 1}\n');
    expect(compareRenderedSets(a, b)).toEqual([{ kind: 'ConfigMap', name: 'a', path: '.', staging: 'present', production: null }]);
    const empty = evaluateDrift([], { staging: { sources: ['s.yaml'], objects: 0 }, production: { sources: ['p.yaml'], objects: 1 }, drifts: [] });
    expect(empty.status).toBe('inconclusive');
  });

  it('names file and document of broken YAML', async () => {
    const { mkdtempSync, rmSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'greenlight-drift-'));
    try {
      writeFileSync(join(dir, 'prod.yaml'), 'kind: ConfigMap\nmetadata: {name: a}\n---\nkind: [unclosed\n');
      const issues = new InputIssues();
      expect(await loadRenderedYaml(join(dir, 'prod.yaml'), issues)).toBeUndefined();
      expect(issues.list[0]).toMatchObject({ file: join(dir, 'prod.yaml'), path: 'document[1]' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
