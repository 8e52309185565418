import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigMap, PersistentVolumeClaim, Service } from 'kubernetes-models/v1';
import { Deployment } from 'kubernetes-models/apps/v1';
import { Job } from 'kubernetes-models/batch/v1';
import { PodTemplateSpec } from 'kubernetes-models/v1';
import { describe, expect, it } from 'vitest';
import { ENV_VARS } from '../../core/config/defaults.ts';
import { CONFIRM_PROMOTION_PATH } from '../../serve/server.ts';
import { CLUSTER_GATE_ARGV, SERVE_ARGV } from './gate-command.ts';
import { at, exampleFiles, podSpecs, readExample, type Doc } from './load-examples.ts';

const ALL = exampleFiles().flatMap((file) => readExample(file).map((doc) => ({ file, doc })));
const find = (kind: string) => ALL.filter(({ doc }) => doc.kind === kind).map(({ doc }) => doc);
const one = (kind: string) => {
  const docs = find(kind);
  expect(docs, kind).toHaveLength(1);
  return docs[0]!;
};

const MODELS: Record<string, new (data: never) => { validate(): void }> = {
  'v1/ConfigMap': ConfigMap,
  'v1/PersistentVolumeClaim': PersistentVolumeClaim,
  'v1/Service': Service,
  'apps/v1/Deployment': Deployment,
  'batch/v1/Job': Job,
};

/** Custom resources without a schema here: the fields their controllers refuse to work without. */
const CRD_REQUIRED: Record<string, string[]> = {
  'argoproj.io/v1alpha1/AnalysisTemplate': ['metadata.name', 'spec.metrics'],
  'argoproj.io/v1alpha1/Rollout': ['metadata.name', 'spec.selector.matchLabels', 'spec.template.spec.containers', 'spec.strategy.canary.steps'],
  'flagger.app/v1beta1/Canary': ['metadata.name', 'spec.targetRef.apiVersion', 'spec.targetRef.kind', 'spec.targetRef.name', 'spec.service.port', 'spec.analysis.interval', 'spec.analysis.threshold'],
};

describe('pipeline examples: YAML', () => {
  it('every example file parses, without warnings', () => {
    expect(exampleFiles()).toEqual(['argo-rollouts-analysistemplate.yaml', 'argocd-presync-job.yaml', 'cluster-setup.yaml', 'flagger-canary.yaml', 'github-actions.yml', 'gitlab-ci.yml']);
    for (const file of exampleFiles()) expect(readExample(file).length, file).toBeGreaterThan(0);
  });

  it.each(ALL.filter(({ doc }) => doc.apiVersion).map(({ file, doc }) => [`${file}: ${doc.kind} ${doc.metadata?.name}`, doc] as const))('%s is a known kind and valid', (_name, doc) => {
    const type = `${doc.apiVersion}/${doc.kind}`;
    const Model = MODELS[type];
    if (Model) {
      expect(() => new Model(doc as never).validate()).not.toThrow();
      return;
    }
    const required = CRD_REQUIRED[type];
    expect(required, `${type} has neither a schema nor a required-field table`).toBeDefined();
    for (const path of required!) expect(at(doc, path), `${type} ${path}`).toBeDefined();
  });

  it('pod specs inside custom resources validate as Kubernetes objects too', () => {
    const template = one('AnalysisTemplate');
    for (const metric of template.spec.metrics as Doc[]) {
      expect(() => new Job({ metadata: { name: 'analysis' }, spec: metric.provider.job.spec }).validate()).not.toThrow();
    }
    expect(() => new PodTemplateSpec(one('Rollout').spec.template).validate()).not.toThrow();
  });

  it('a broken Job is caught (the validation can fail)', () => {
    const job = structuredClone(one('Job'));
    job.spec.template.spec.restartPolicy = 'Sometimes';
    expect(() => new Job(job as never).validate()).toThrow(/restartPolicy/);
  });
});

describe('pipeline examples: the semantics that make exit != 0 block', () => {
  it('Argo CD: a PreSync hook Job that never retries a NO-GO', () => {
    const job = one('Job');
    expect(job.metadata.annotations['argocd.argoproj.io/hook']).toBe('PreSync');
    for (const policy of String(job.metadata.annotations['argocd.argoproj.io/hook-delete-policy']).split(',')) {
      expect(['HookSucceeded', 'HookFailed', 'BeforeHookCreation']).toContain(policy.trim());
    }
    expect(job.spec.backoffLimit).toBe(0);
    expect(job.spec.template.spec.restartPolicy).toBe('Never');
  });

  it('Argo Rollouts: one job metric, failureLimit 0, no retries; the Rollout passes every argument', () => {
    const template = one('AnalysisTemplate');
    const metrics = template.spec.metrics as Doc[];
    expect(metrics).toHaveLength(1);
    const metric = metrics[0]!;
    expect(metric.failureLimit).toBe(0);
    expect(metric.count ?? 1).toBe(1);
    expect(metric.interval).toBeUndefined();
    expect(metric.provider.job.spec.backoffLimit).toBe(0);
    expect(metric.provider.job.spec.template.spec.restartPolicy).toBe('Never');

    const declared = (template.spec.args as Doc[]).map((a) => a.name);
    const used = [...JSON.stringify(metric).matchAll(/\{\{\s*args\.([\w-]+)\s*\}\}/g)].map((m) => m[1]);
    expect(used.length).toBeGreaterThan(0);
    for (const name of used) expect(declared).toContain(name);

    const steps = one('Rollout').spec.strategy.canary.steps as Doc[];
    const analysis = steps.find((step) => step.analysis)?.analysis;
    expect(analysis?.templates).toContainEqual({ templateName: template.metadata.name });
    const passed = (analysis.args as Doc[]).map((a) => a.name);
    for (const arg of template.spec.args as Doc[]) if (arg.value === undefined) expect(passed).toContain(arg.name);
  });

  it('Flagger: the confirm-promotion webhook reaches greenlight serve through its Service', () => {
    const hooks = one('Canary').spec.analysis.webhooks as Doc[];
    const hook = hooks.find((h) => h.type === 'confirm-promotion');
    expect(hook).toBeDefined();
    const url = new URL(hook!.url);
    expect(url.pathname).toBe(CONFIRM_PROMOTION_PATH);
    const service = find('Service').find((s) => `${s.metadata.name}.${s.metadata.namespace}` === url.hostname);
    expect(service, `a Service named ${url.hostname}`).toBeDefined();
    const port = (service!.spec.ports as Doc[]).find((p) => p.port === Number(url.port || 80));
    expect(port).toBeDefined();
    const serve = find('Deployment').find((d) => d.metadata.name === 'greenlight')!;
    for (const [key, value] of Object.entries(service!.spec.selector)) expect(serve.spec.template.metadata.labels[key]).toBe(value);
    const container = serve.spec.template.spec.containers[0] as Doc;
    const containerPort = (container.ports as Doc[]).find((p) => p.name === port!.targetPort || p.containerPort === port!.targetPort);
    const argv = [...container.command, ...container.args] as string[];
    expect(String(containerPort?.containerPort)).toBe(argv[argv.indexOf('--port') + 1]);
    expect(container.readinessProbe.httpGet.path).toBe('/healthz');
    expect(String(hook!.metadata?.release ?? '1.0.0')).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('every gate container runs the one cluster command line; the serve container the one serve command line', () => {
    const gates = ALL.flatMap(({ doc }) => podSpecs(doc)).flatMap(({ where, spec }) => (spec.containers as Doc[]).filter((c) => String(c.image).includes('greenlight')).map((c) => ({ where, c })));
    expect(gates.length).toBe(3);
    for (const { where, c } of gates) {
      const argv = [...c.command, ...c.args].map(String);
      expect([CLUSTER_GATE_ARGV.join(' '), SERVE_ARGV.join(' ')], where).toContain(argv.join(' '));
      if (argv[2] === 'run') expect((c.env as Doc[]).map((e) => e.name), where).toEqual(expect.arrayContaining([ENV_VARS.candidate, ENV_VARS.baseline]));
    }
  });

  it('every ConfigMap key and volume claim a pod mounts exists in cluster-setup.yaml', () => {
    const configMaps = new Map(find('ConfigMap').map((cm) => [cm.metadata.name, cm]));
    const claims = new Set(find('PersistentVolumeClaim').map((pvc) => pvc.metadata.name));
    const volumes = ALL.flatMap(({ doc }) => podSpecs(doc)).flatMap(({ spec }) => (spec.volumes as Doc[] | undefined) ?? []);
    expect(volumes.length).toBeGreaterThan(0);
    for (const volume of volumes) {
      if (volume.persistentVolumeClaim) expect(claims).toContain(volume.persistentVolumeClaim.claimName);
      if (volume.configMap) {
        const cm = configMaps.get(volume.configMap.name);
        expect(cm, volume.configMap.name).toBeDefined();
        for (const item of volume.configMap.items ?? []) {
          expect(Object.keys(cm!.data)).toContain(item.key);
          expect(() => JSON.parse(cm!.data[item.key])).not.toThrow();
        }
      }
    }
  });
});

describe('docs/pipelines.md', () => {
  it('shows the same command lines the examples run, and names every example', () => {
    const doc = readFileSync(join(import.meta.dirname, '..', '..', 'docs', 'pipelines.md'), 'utf8');
    expect(doc).toContain(CLUSTER_GATE_ARGV.join(' '));
    expect(doc).toContain(SERVE_ARGV.join(' '));
    for (const file of [...exampleFiles(), 'Dockerfile']) expect(doc).toContain(`examples/pipelines/${file}`);
  });
});
