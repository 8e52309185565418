import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { EXIT } from '../../core/exit-codes.ts';
import { RUN_ID_LABEL } from '../../staging/kube/labels.ts';
import { chaosRender } from '../cli/chaos-render.ts';
import { shippedExperiment } from '../config.ts';
import { parseExperiment } from '../model/experiment.ts';
import type { FaultInput } from '../model/fault.ts';
import { SHIPPED_EXPERIMENT_NAMES } from '../shipped/index.ts';
import { renderChaosMesh } from './render.ts';
import { ChaosMeshValidator } from './validate.ts';

const validator = new ChaosMeshValidator();
const options = { namespace: 'casino', runId: '20261127-050000-a1b2' };

function sink() {
  let text = '';
  return { write: (chunk: string) => void (text += chunk), get text() { return text; } };
}

const everyFault: FaultInput[] = [
  { kind: 'network-delay', link: 'api->postgres', latencyMs: 200, jitterMs: 20, durationMs: 5_000 },
  { kind: 'network-loss', link: 'api->psp', percent: 30, durationMs: 1_000 },
  { kind: 'network-reset', link: 'psp->webhooks', durationMs: 1_000 },
  { kind: 'network-partition', link: 'edge->api-green-1', durationMs: 1_000 },
  { kind: 'network-bandwidth', link: 'api->rng', bytesPerSecond: 1_024, durationMs: 1_000 },
  { kind: 'instance-kill', instance: 'api-green-1', durationMs: 1_000 },
  { kind: 'instance-pause', instance: 'rng-1', durationMs: 1_000 },
  { kind: 'instance-restart', instance: 'psp', durationMs: 1_000 },
  { kind: 'cpu-stress', instance: 'api-blue-2', workers: 2, loadPercent: 70, durationMs: 2_000 },
  { kind: 'dependency-outage', dependency: 'database', durationMs: 10_000 },
];

describe('renderChaosMesh', () => {
  it.each(SHIPPED_EXPERIMENT_NAMES)('%s renders manifests valid against the Chaos Mesh CRDs, labelled with the run id', (name) => {
    const rendered = renderChaosMesh(shippedExperiment(name), options);
    expect(rendered.length).toBeGreaterThan(0);
    for (const { manifest } of rendered) {
      expect(validator.validate(manifest)).toEqual([]);
      expect(manifest.metadata.labels[RUN_ID_LABEL]).toBe(options.runId);
      expect(manifest.metadata.name).toMatch(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/);
    }
  });

  it('renders every fault kind to a valid PodChaos, NetworkChaos or StressChaos', () => {
    const experiment = parseExperiment({ name: 'all-kinds', title: 'all', steadyState: { probes: [{ kind: 'ledger-invariants', name: 'l' }] }, method: { durationMs: 10_000, faults: everyFault } });
    const rendered = renderChaosMesh(experiment, options);
    expect(rendered.map((r) => r.manifest.kind)).toEqual(['NetworkChaos', 'NetworkChaos', 'NetworkChaos', 'NetworkChaos', 'NetworkChaos', 'PodChaos', 'PodChaos', 'PodChaos', 'StressChaos', 'NetworkChaos']);
    for (const { manifest } of rendered) expect(validator.validate(manifest), manifest.metadata.name).toEqual([]);
    expect(rendered[0]!.manifest.spec).toMatchObject({ action: 'delay', delay: { latency: '200ms', jitter: '20ms' }, selector: { labelSelectors: { 'app.kubernetes.io/name': 'api' } }, target: { selector: { labelSelectors: { 'app.kubernetes.io/name': 'postgres' } } }, duration: '5s' });
    expect(rendered[1]!.manifest.spec).toMatchObject({ action: 'loss', loss: { loss: '30' } });
    expect(rendered[5]!).toMatchObject({ recoveryDeployment: 'api', manifest: { spec: { action: 'pod-kill', mode: 'one' } } });
    expect(rendered[8]!.manifest.spec).toMatchObject({ stressors: { cpu: { workers: 2, load: 70 } } });
    expect(new Set(rendered.map((r) => r.manifest.metadata.name)).size).toBe(rendered.length);
  });

  it('the validator catches what the API server would refuse', () => {
    const problems = validator.validate({ apiVersion: 'chaos-mesh.org/v1alpha1', kind: 'NetworkChaos', metadata: { name: 'x' }, spec: { action: 'delay', mode: 'all', selector: {}, delay: { latency: 'fast' } } });
    expect(problems.join('\n')).toMatch(/\/spec\/delay\/latency: must match pattern/);
    expect(validator.validate({ kind: 'PodChaos', spec: { mode: 'one', selector: {} } }).join('\n')).toMatch(/\/spec: must have required property 'action'/);
    expect(validator.validate({ kind: 'IOChaos' })).toEqual(['kind: no CRD schema for "IOChaos"']);
  });
});

describe('chaosRender (greenlight chaos render)', () => {
  it('prints multi-document YAML that parses back to valid manifests', () => {
    const stdout = sink();
    const stderr = sink();
    expect(chaosRender({ experiment: 'psp-webhooks-delayed-duplicated', backend: 'chaos-mesh', namespace: 'casino', runId: 'run-1', stdout, stderr })).toBe(EXIT.GO);
    const documents = parseAllDocuments(stdout.text).map((d) => d.toJS() as Record<string, unknown>);
    expect(documents).toHaveLength(2);
    for (const doc of documents) {
      expect(validator.validate(doc)).toEqual([]);
      expect(doc).toMatchObject({ kind: 'NetworkChaos', metadata: { namespace: 'casino', labels: { [RUN_ID_LABEL]: 'run-1' } } });
    }
    expect(stderr.text).toBe('');
  });

  it('refuses unusable input with every problem at once (exit 64)', () => {
    const stdout = sink();
    const stderr = sink();
    expect(chaosRender({ backend: 'litmus', namespace: 'Bad_NS', durationScale: 0, stdout, stderr })).toBe(EXIT.USAGE);
    expect(stderr.text).toMatch(/<experiment>: is required/);
    expect(stderr.text).toMatch(/--backend: cannot render for "litmus" \(expected chaos-mesh\)/);
    expect(stderr.text).toMatch(/--namespace: "Bad_NS" is not a namespace name/);
    expect(stderr.text).toMatch(/--duration-scale: 0 is out of range/);
    expect(stdout.text).toBe('');
  });

  it('names the known experiments for an unknown one', () => {
    const stderr = sink();
    expect(chaosRender({ experiment: 'meteor', backend: 'chaos-mesh', stdout: sink(), stderr })).toBe(EXIT.USAGE);
    expect(stderr.text).toMatch(/experiment: unknown experiment "meteor" \(expected api-instance-kill, database-latency/);
  });

  it('stretches durations with --duration-scale', () => {
    const stdout = sink();
    chaosRender({ experiment: 'database-partition', backend: 'chaos-mesh', durationScale: 6, runId: 'r', stdout, stderr: sink() });
    expect(stdout.text).toMatch(/duration: 36s/);
  });
});
