import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import addFormatsModule, { type FormatsPlugin } from 'ajv-formats';
import { parse as parseYaml, parseAllDocuments } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHIPPED_SCENARIOS } from '../shipped/index.ts';
import { loadConfigSchema } from '../stage/config.ts';
import { evaluateLoad } from '../stage/evaluate.ts';
import { runK6Backend } from './backend.ts';
import { renderOperatorManifests } from './operator.ts';
import { renderK6Script } from './render-script.ts';
import { sharedPath } from '../../core/shared-dir.ts';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..', '..');
const fakeK6 = join(here, '..', 'testdata', 'fake-k6');
const summaryFixture = join(here, '..', 'testdata', 'k6-summary.json');
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'greenlight-k6-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('renderK6Script', () => {
  it('renders every shipped scenario as a script that type-checks against @types/k6', () => {
    for (const [name, make] of Object.entries(SHIPPED_SCENARIOS)) writeFileSync(join(dir, `${name}.ts`), renderK6Script(make()));
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({
      compilerOptions: { strict: true, noEmit: true, target: 'es2020', module: 'esnext', moduleResolution: 'bundler', lib: ['es2020'], types: ['k6'], typeRoots: [join(repo, 'node_modules', '@types')], noUncheckedIndexedAccess: true },
      include: ['*.ts'],
    }));
    const tsc = join(repo, 'node_modules', '.bin', 'tsc');
    let output = '';
    try {
      execFileSync(tsc, ['-p', dir], { encoding: 'utf8', stdio: 'pipe' });
    } catch (error) {
      output = String((error as { stdout?: string }).stdout ?? error);
    }
    expect(output).toBe('');
  });

  it('keeps the executor, thresholds and flows of the scenario', () => {
    const script = renderK6Script(SHIPPED_SCENARIOS['flash-spins']());
    expect(script).toContain('"executor": "ramping-arrival-rate"');
    expect(script).toContain('"preAllocatedVUs": 20');
    expect(script).toContain('"http_req_duration{step:spin}"');
    expect(script).toContain('"abortOnFail": true');
    expect(script).toMatch(/http\.request\("POST", BASE_URL \+ "\/games\/slot\/spin"/);
  });
});

describe('k6-operator manifests', () => {
  it('validate against the TestRun CRD schema', () => {
    const crd = parseYaml(readFileSync(sharedPath('schemas', 'k6-operator', 'k6.io_testruns.yaml'), 'utf8'));
    const version = crd.spec.versions.find((v: { name: string }) => v.name === 'v1alpha1');
    const ajv = new Ajv({ strict: false, allErrors: true });
    // ajv-formats is CommonJS: under Node's ESM loader its default export is the module object.
    const addFormats = (addFormatsModule as unknown as { default?: FormatsPlugin }).default ?? (addFormatsModule as unknown as FormatsPlugin);
    addFormats(ajv);
    ajv.addFormat('int32', true).addFormat('int64', true);
    const validate = ajv.compile(version.schema.openAPIV3Schema);
    const manifests = renderOperatorManifests({ scenario: SHIPPED_SCENARIOS['flash-spins'](), parallelism: 4, baseUrl: 'http://edge.staging:8080', namespace: 'load', runId: 'run-1' });
    expect(validate(manifests.testRun), JSON.stringify(validate.errors)).toBe(true);
    expect(manifests.testRun).toMatchObject({ apiVersion: 'k6.io/v1alpha1', kind: 'TestRun', spec: { parallelism: 4, script: { configMap: { name: 'greenlight-flash-spins', file: 'test.ts' } } } });
    const docs = parseAllDocuments(manifests.yaml).map((d) => d.toJSON());
    expect(docs.map((d) => d.kind)).toEqual(['ConfigMap', 'TestRun']);
    expect(docs[0].data['test.ts']).toContain("import http from 'k6/http'");
    expect(validate({ ...manifests.testRun, spec: { ...manifests.testRun['spec'] as object, parallelism: 'four' } })).toBe(false);
    expect(() => renderOperatorManifests({ scenario: SHIPPED_SCENARIOS['flash-spins'](), parallelism: 0, baseUrl: 'http://x' })).toThrow(/parallelism/);
  });
});

describe('k6 backend (fake k6 executable)', () => {
  const scenario = SHIPPED_SCENARIOS['steady-mix']();
  const withEnv = async <T>(env: Record<string, string>, work: () => Promise<T>): Promise<T> => {
    const saved = { ...process.env };
    Object.assign(process.env, env);
    try {
      return await work();
    } finally {
      for (const key of Object.keys(env)) if (saved[key] === undefined) delete process.env[key];
      Object.assign(process.env, saved);
    }
  };

  it('runs k6 with a summary export and maps it to the same observation', async () => {
    const argsFile = join(dir, 'args.json');
    const observation = await withEnv({ FAKE_K6_SUMMARY: summaryFixture, FAKE_K6_ARGS: argsFile }, () => runK6Backend({ scenario, baseUrl: 'http://127.0.0.1:9', k6Path: fakeK6, workDir: dir }));
    const args = JSON.parse(readFileSync(argsFile, 'utf8')) as string[];
    expect(args.slice(0, 3)).toEqual(['run', '--quiet', '--summary-export']);
    expect(args).toContain('BASE_URL=http://127.0.0.1:9');
    expect(observation.summary).toMatchObject({ backend: 'k6', requests: 1200, iterations: 600, dropped: 3, scheduled: 603, vusMax: 40, failedRate: 0.005 });
    expect(observation.summary.latencyMs).toMatchObject({ p95: 61.7, p99: 150.3, 'p99.9': 400.2, max: 480.1 });
    expect(observation.metrics?.aggregate({ name: 'http_req_duration', tags: { step: 'spin' } }, 'p(95)')).toBe(91.7);
    expect(observation.metrics?.samples({ name: 'http_req_duration', tags: { step: 'spin' } })).toBe(480);
    const checks = evaluateLoad(loadConfigSchema.parse({ scenario: 'steady-mix' }), observation);
    expect(checks.find((c) => c.id === 'load:dropped-iterations')).toMatchObject({ status: 'fail', observed: 3 });
    expect(checks.find((c) => c.id === 'load:generator-health')).toMatchObject({ status: 'skipped', blocking: false });
    expect(checks.find((c) => c.id === 'http_req_duration{step:spin}:p(95)<800')?.status).toBe('pass');
    expect(checks.find((c) => c.id === 'http_req_duration{step:paytable}:p(95)<500')).toMatchObject({ status: 'inconclusive', reason: 'no_data' });
  });

  it('treats exit 99 (thresholds failed) as a valid run, and any other failure as no data', async () => {
    const failed = await withEnv({ FAKE_K6_SUMMARY: summaryFixture, FAKE_K6_EXIT: '99' }, () => runK6Backend({ scenario, baseUrl: 'http://127.0.0.1:9', k6Path: fakeK6, workDir: dir }));
    expect(failed.summary.requests).toBe(1200);
    const broken = await withEnv({ FAKE_K6_EXIT: '107', FAKE_K6_STDERR: 'ReferenceError: boom' }, () => runK6Backend({ scenario, baseUrl: 'http://127.0.0.1:9', k6Path: fakeK6, workDir: join(dir, 'broken') }));
    expect(broken.metrics).toBeUndefined();
    expect(broken.summary.unavailable).toMatch(/k6 failed \(107\).*boom/);
    const checks = evaluateLoad(loadConfigSchema.parse({ scenario: 'steady-mix', backend: 'k6' }), broken);
    expect(checks).toEqual([expect.objectContaining({ status: 'inconclusive', reason: 'provider_error' })]);
    const missing = await runK6Backend({ scenario, baseUrl: 'http://127.0.0.1:9', k6Path: join(dir, 'no-such-k6'), workDir: dir });
    expect(missing.summary.unavailable).toMatch(/k6 failed/);
  });
});
