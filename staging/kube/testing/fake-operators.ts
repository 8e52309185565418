import type { FakeKubeApi, RecordedRequest } from './fake-api-server.ts';

/** Serves k6-operator's TestRun CRD on the fake. */
export function installK6OperatorCrd(api: FakeKubeApi): FakeKubeApi {
  return api.installCrd({ groupVersion: 'k6.io/v1alpha1', plural: 'testruns', kind: 'TestRun' });
}

/** Serves the Chaos Mesh CRDs Greenlight uses on the fake. */
export function installChaosMeshCrds(api: FakeKubeApi, plurals: readonly ('podchaos' | 'networkchaos' | 'stresschaos')[] = ['podchaos', 'networkchaos', 'stresschaos']): FakeKubeApi {
  const kinds = { podchaos: 'PodChaos', networkchaos: 'NetworkChaos', stresschaos: 'StressChaos' } as const;
  for (const plural of plurals) api.installCrd({ groupVersion: 'chaos-mesh.org/v1alpha1', plural, kind: kinds[plural] });
  return api;
}

export interface FakeRunner {
  /** What the runner pod's k6 container printed. */
  log: string;
  exitCode: number;
}

export interface FakeK6OperatorOptions {
  /** status.stage after the 1st, 2nd, … read of the TestRun; the last one sticks. */
  stages?: readonly string[];
  /** The runner pods to create (one per entry) when the stage reaches `finished`. */
  runners: (testRun: { name: string; namespace: string; parallelism: number }) => FakeRunner[];
}

interface TestRunObject {
  metadata?: { name?: string; namespace?: string };
  spec?: { parallelism?: number; runner?: { metadata?: { labels?: Record<string, string> } } };
  status?: { stage?: string };
}

const TEST_RUN = /^\/apis\/k6\.io\/v1alpha1\/namespaces\/([^/]+)\/testruns\/([^/]+)$/;

/**
 * A stand-in k6-operator controller: each read of a TestRun moves `status.stage` one step along `stages`; at
 * `finished` it creates the runner pods (labels `app=k6, k6_cr=<name>, runner=true` plus the spec's runner labels,
 * container `k6` terminated with the runner's exit code) with their logs. Deleting the TestRun deletes its pods, as
 * the owner references would.
 */
export function fakeK6Operator(api: FakeKubeApi, options: FakeK6OperatorOptions): { reads: Map<string, number> } {
  const stages = options.stages ?? ['initialization', 'created', 'started', 'finished'];
  const reads = new Map<string, number>();
  api.reactors.push((request: RecordedRequest) => {
    const match = TEST_RUN.exec(request.path);
    if (!match) return;
    const [, namespace = '', name = ''] = match;
    if (request.method === 'DELETE') {
      for (const pod of api.list('v1', 'Pod').filter((p) => p.metadata?.labels?.['k6_cr'] === name)) api.delete('v1', 'Pod', pod.metadata!.name!, namespace);
      return;
    }
    if (request.method !== 'GET') return;
    const testRun = api.get('k6.io/v1alpha1', 'TestRun', name, namespace) as TestRunObject | undefined;
    if (!testRun) return;
    const count = (reads.get(name) ?? 0) + 1;
    reads.set(name, count);
    const stage = stages[Math.min(count, stages.length) - 1]!;
    api.put({ ...testRun, status: { ...testRun.status, stage } } as never);
    if (stage !== 'finished' || api.list('v1', 'Pod').some((p) => p.metadata?.labels?.['k6_cr'] === name)) return;
    const runners = options.runners({ name, namespace, parallelism: testRun.spec?.parallelism ?? 1 });
    runners.forEach((runner, index) => {
      const podName = `${name}-${index}-x${index}`;
      const labels = { ...testRun.spec?.runner?.metadata?.labels, app: 'k6', k6_cr: name, runner: 'true', 'job-name': `${name}-${index}` };
      api.put({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: podName, namespace, labels },
        status: { phase: runner.exitCode === 0 ? 'Succeeded' : 'Failed', containerStatuses: [{ name: 'k6', state: { terminated: { exitCode: runner.exitCode } } }] },
      });
      api.podLogs.set(podName, runner.log);
    });
  });
  return { reads };
}
