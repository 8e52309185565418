import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { reapLeftovers } from '../../core/cleanup/reap.ts';
import { leaseFile } from '../../core/cleanup/registry.ts';
import { createTestRun, type TestRun } from '../../core/testing/run-context.ts';
import { kubeAccessOf } from '../../staging/kube/access.ts';
import { RUN_ID_LABEL } from '../../staging/kube/labels.ts';
import { FakeKubeApi } from '../../staging/kube/testing/fake-api-server.ts';
import { fakeK6Operator, installK6OperatorCrd, type FakeRunner } from '../../staging/kube/testing/fake-operators.ts';
import { fakeKubeEnvironment } from '../../staging/kube/testing/kube-env.ts';
import { NS, service } from '../../staging/kube/testing/objects.ts';
import { loadConfigSchema } from '../stage/config.ts';
import { evaluateLoad } from '../stage/evaluate.ts';
import { loadStage } from '../stage/load-stage.ts';
import { runOperatorBackend, type OperatorRunOptions } from './operator-backend.ts';
import { SUMMARY_BEGIN } from './runner-summary.ts';
import { runnerLog, runnerSummary } from './testing/runner-logs.ts';
import { testRunValidator } from './testing/testrun-schema.ts';

const RUN_ID = '20261127-070000-ab12';
let api: FakeKubeApi;
let run: TestRun | undefined;

beforeAll(async () => {
  api = await installK6OperatorCrd(new FakeKubeApi()).start();
  api.put(service('edge', [{ name: 'http', port: 8080, targetPort: 'http' }]));
});
afterAll(() => api.stop());
afterEach(async () => {
  await run?.dispose();
  run = undefined;
  api.reactors.length = 0;
  api.requests.length = 0;
});

const config = (extra: Record<string, unknown> = {}) =>
  loadConfigSchema.parse({
    scenario: {
      name: 'cluster-mix',
      executor: { executor: 'constant-arrival-rate', rate: 100, duration: '1s', preAllocatedVUs: 10, maxVUs: 20, gracefulStop: '0s' },
      flows: [{ name: 'f', steps: [{ name: 'call', path: '/healthz' }] }],
      thresholds: { http_req_duration: ['p(95)<100'], http_req_failed: ['rate<0.05'] },
    },
    minSamples: 10,
    ...extra,
  });

const good = (requests: number, failed: number, p95: number): FakeRunner => ({ log: runnerLog(runnerSummary({ requests, failed, p95, max: p95 * 3, avg: p95 / 4 })), exitCode: 0 });

/** A kube environment on the fake, the stand-in operator giving `runners`, and the backend run with `options`. */
async function runWith(runners: FakeRunner[], options: { stages?: string[]; parallelism?: number; startTimeoutMs?: number; onRead?: (run: TestRun) => void } = {}) {
  const env = fakeKubeEnvironment(api.kubeconfig(), { runId: RUN_ID, capabilities: ['load-operator'] });
  run = createTestRun({ runId: RUN_ID, env, stage: 'load' });
  const current = run;
  fakeK6Operator(api, { stages: options.stages, runners: () => runners });
  if (options.onRead) api.reactors.push((r) => r.method === 'GET' && r.path.includes('/testruns/') && options.onRead!(current));
  const backend: OperatorRunOptions = { scenario: config().scenario, access: kubeAccessOf(env)!, parallelism: options.parallelism ?? runners.length, startTimeoutMs: options.startTimeoutMs ?? 5_000, pollMs: 10 };
  const observation = await runOperatorBackend(current.ctx, backend);
  return { observation, ctx: current.ctx };
}

const leftInCluster = () => [...api.list('k6.io/v1alpha1', 'TestRun'), ...api.list('v1', 'ConfigMap'), ...api.list('v1', 'Pod')].map((o) => `${o.kind}/${o.metadata?.name}`);

describe('k6-operator backend against a fake API server', () => {
  it('applies a labelled, schema-valid TestRun, polls it to finished, merges the runners\' summaries and deletes everything', async () => {
    const { observation, ctx } = await runWith([good(600, 6, 80), good(400, 14, 120)]);
    const applied = api.requests.filter((r) => r.method === 'PATCH').map((r) => r.body as { kind: string; metadata: { name: string; labels: Record<string, string> }; spec?: Record<string, any>; data?: Record<string, string> });
    const testRun = applied.find((o) => o.kind === 'TestRun')!;
    const configMap = applied.find((o) => o.kind === 'ConfigMap')!;
    expect(testRunValidator()(testRun)).toEqual([]);
    expect(testRun.metadata.labels).toMatchObject({ [RUN_ID_LABEL]: RUN_ID, 'app.kubernetes.io/managed-by': 'greenlight' });
    expect(testRun.metadata.name).toBe('gl-cluster-mix-27070000ab12');
    expect(testRun.spec).toMatchObject({ parallelism: 2, quiet: 'true', script: { configMap: { name: testRun.metadata.name, file: 'test.ts' } } });
    expect(testRun.spec!['runner'].env).toEqual([{ name: 'BASE_URL', value: `http://edge.${NS}.svc:8080` }]);
    expect(testRun.spec!['runner'].metadata.labels[RUN_ID_LABEL]).toBe(RUN_ID);
    expect(configMap.metadata.labels[RUN_ID_LABEL]).toBe(RUN_ID);
    expect(configMap.data!['test.ts']).toContain('export function handleSummary');
    expect(configMap.data!['test.ts']).toContain(SUMMARY_BEGIN);

    const testRunReads = api.requests.filter((r) => r.method === 'GET' && r.path.endsWith(`/testruns/${testRun.metadata.name}`));
    expect(testRunReads.length).toBe(4);
    const podList = api.requests.find((r) => r.path === `/api/v1/namespaces/${NS}/pods`);
    expect(podList?.query.labelSelector).toBe(`app=k6,k6_cr=${testRun.metadata.name},runner=true`);
    const logReads = api.requests.filter((r) => r.path.endsWith('/log'));
    expect(logReads.map((r) => r.query.container)).toEqual(['k6', 'k6']);

    expect(observation.summary).toMatchObject({ backend: 'k6-operator', target: `http://edge.${NS}.svc:8080`, requests: 1000, merged: 'max-of-runners', failedRate: 0.02, latencyMs: { p95: 120, max: 360 } });
    expect(observation.summary['operator']).toMatchObject({ testRun: testRun.metadata.name, parallelism: 2, runners: [{ exitCode: 0 }, { exitCode: 0 }] });
    const checks = evaluateLoad(config(), observation);
    // The merged p95 is an upper bound (120 from the slower runner), so the scenario's p(95)<100 fails.
    expect(checks.find((c) => c.id === 'http_req_duration:p(95)<100')).toMatchObject({ status: 'fail', observed: 120 });
    expect(checks.find((c) => c.id === 'http_req_failed:rate<0.05')).toMatchObject({ status: 'pass', observed: 0.02 });

    expect(leftInCluster()).toEqual([]);
    expect(ctx.cleanup.size).toBe(0);
    expect(api.requests.filter((r) => r.method === 'DELETE').map((r) => r.path.split('/').at(-2))).toEqual(['testruns', 'configmaps']);
  });

  it('records the TestRun and the ConfigMap in the cleanup ledger while they exist, for greenlight cleanup', async () => {
    let ledger: { entries: { resource?: unknown }[] } | undefined;
    await runWith([good(100, 0, 10)], { onRead: (r) => (ledger ??= JSON.parse(readFileSync(leaseFile(r.ctx.stateDir, RUN_ID), 'utf8'))) });
    const name = 'gl-cluster-mix-27070000ab12';
    expect(ledger?.entries.map((e) => e.resource)).toEqual([
      { type: 'k8s', apiVersion: 'v1', kind: 'ConfigMap', namespace: NS, name, context: 'fake' },
      { type: 'k8s', apiVersion: 'k6.io/v1alpha1', kind: 'TestRun', namespace: NS, name, context: 'fake' },
    ]);
  });

  it('greenlight cleanup reaps a crashed run\'s TestRun and ConfigMap from its ledger', async () => {
    let ledger: { runId: string; ownerPid: number; entries: unknown[] } | undefined;
    await runWith([good(100, 0, 10)], { onRead: (r) => (ledger ??= JSON.parse(readFileSync(leaseFile(r.ctx.stateDir, RUN_ID), 'utf8'))) });
    const name = 'gl-cluster-mix-27070000ab12';
    // As if the run had been SIGKILLed with both objects still in the cluster.
    api.put({ apiVersion: 'k6.io/v1alpha1', kind: 'TestRun', metadata: { name, namespace: NS } });
    api.put({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: NS } });
    const stateDir = mkdtempSync(join(tmpdir(), 'greenlight-reap-'));
    const saved = process.env['KUBECONFIG'];
    try {
      mkdirSync(join(stateDir, 'leases'));
      writeFileSync(join(stateDir, 'leases', `${RUN_ID}.json`), JSON.stringify({ ...ledger, ownerPid: 2 ** 22 + 4242 }));
      writeFileSync(join(stateDir, 'kubeconfig'), api.kubeconfig());
      process.env['KUBECONFIG'] = join(stateDir, 'kubeconfig');
      const [result] = await reapLeftovers({ stateDir });
      expect(result).toMatchObject({ runId: RUN_ID, failed: [], removed: [`TestRun ${NS}/${name}`, `ConfigMap ${NS}/${name}`] });
      expect(leftInCluster()).toEqual([]);
    } finally {
      if (saved === undefined) delete process.env['KUBECONFIG'];
      else process.env['KUBECONFIG'] = saved;
      rmSync(stateDir, { recursive: true, force: true });
    }
  });

  it.each<[string, { runners: FakeRunner[]; stages?: string[]; parallelism?: number }, RegExp]>([
    ['the error stage', { runners: [good(100, 0, 10)], stages: ['initialization', 'error'] }, /TestRun casino-staging\/gl-cluster-mix-27070000ab12 ended in stage "error"/],
    ['a runner without a summary', { runners: [good(100, 0, 10), { log: runnerLog(undefined), exitCode: 0 }] }, /runner pod \S+ printed no summary/],
    ['a runner that crashed', { runners: [{ log: 'ReferenceError: x is not defined', exitCode: 107 }] }, /runner pod \S+ exited with code 107/],
    ['fewer runner pods than parallelism', { runners: [good(100, 0, 10)], parallelism: 3 }, /1 of 3 runner pods/],
  ])('%s leaves the load checks inconclusive and the cluster clean', async (_case, setup, message) => {
    const { observation } = await runWith(setup.runners, { stages: setup.stages, parallelism: setup.parallelism });
    expect(observation.metrics).toBeUndefined();
    expect(observation.summary.unavailable).toMatch(message);
    expect(evaluateLoad(config(), observation)).toEqual([expect.objectContaining({ id: 'load:ran', status: 'inconclusive', reason: 'provider_error' })]);
    expect(leftInCluster()).toEqual([]);
  });

  it('a runner whose thresholds failed (exit 99) still counts: the thresholds are judged on the merged data', async () => {
    const { observation } = await runWith([good(100, 0, 10), { ...good(100, 50, 10), exitCode: 99 }]);
    expect(observation.summary).toMatchObject({ requests: 200, failedRate: 0.25 });
  });

  it('gives up at the deadline in the shared message shape', async () => {
    const started = Date.now();
    const { observation } = await runWith([good(100, 0, 10)], { stages: ['initialization', 'started'], startTimeoutMs: 200 });
    expect(observation.summary.unavailable).toBe('TestRun casino-staging/gl-cluster-mix-27070000ab12 not finished after 1200 ms (last stage: started)');
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(leftInCluster()).toEqual([]);
  });

  it('deletes the TestRun and the ConfigMap when the run is aborted mid-test', async () => {
    const { observation, ctx } = await runWith([good(100, 0, 10)], { stages: ['initialization', 'started'], startTimeoutMs: 60_000, onRead: (r) => r.abort.abort() });
    expect(observation.summary.unavailable).toMatch(/was interrupted/);
    expect(leftInCluster()).toEqual([]);
    expect(ctx.cleanup.size).toBe(0);
  });
});

describe('load stage on a kube environment', () => {
  it('auto picks k6-operator where the TestRun CRD is served', async () => {
    const env = fakeKubeEnvironment(api.kubeconfig(), { runId: RUN_ID, capabilities: ['load-operator'] });
    run = createTestRun({ runId: RUN_ID, env, stage: 'load' });
    fakeK6Operator(api, { stages: ['started', 'finished'], runners: () => [good(300, 0, 20), good(300, 3, 30)] });
    const stageConfig = config({ operator: { parallelism: 2, startTimeout: '5s' } });
    expect(loadStage.plan(stageConfig)[0]?.title).toContain('auto');
    const observation = await loadStage.run(run.ctx, stageConfig);
    expect(observation.summary).toMatchObject({ backend: 'k6-operator', requests: 600, merged: 'max-of-runners' });
    expect(leftInCluster()).toEqual([]);
  });
});
