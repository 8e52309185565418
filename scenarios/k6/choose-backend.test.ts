import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../core/config/resolve.ts';
import { ConfigError } from '../../core/errors.ts';
import type { Capability, Environment } from '../../staging/environment.ts';
import { KUBE_CAPABILITIES } from '../../staging/kube/connect.ts';
import { fakeKubeEnvironment } from '../../staging/kube/testing/kube-env.ts';
import { LOCAL_CAPABILITIES } from '../../staging/local/provider.ts';
import { loadStage } from '../stage/load-stage.ts';
import { chooseLoadBackend, loadBackendNeeds, type LoadBackendChoice } from './choose-backend.ts';

const kubeconfig = ['apiVersion: v1', 'kind: Config', 'current-context: c', 'clusters: [{name: k, cluster: {server: "http://127.0.0.1:9"}}]', 'users: [{name: u, user: {token: t}}]', 'contexts: [{name: c, context: {cluster: k, user: u}}]'].join('\n');
const kube = (capabilities: Capability[] = []) => fakeKubeEnvironment(kubeconfig, { runId: 'r', capabilities });
const local: Environment = { provider: 'local', urls: { edge: 'http://127.0.0.1:9' }, capabilities: new Set(LOCAL_CAPABILITIES), releases: {}, controls: {} };
const noK6 = { k6Path: '/nonexistent/k6' };

describe('chooseLoadBackend', () => {
  it.each<[string, LoadBackendChoice, () => Environment | undefined, string, RegExp?]>([
    ['auto on kube with the TestRun CRD', 'auto', () => kube(['load-operator']), 'k6-operator'],
    ['auto on kube without it (no k6 binary)', 'auto', () => kube(), 'embedded'],
    ['auto locally (no k6 binary)', 'auto', () => local, 'embedded'],
    ['embedded on kube (through port-forward)', 'embedded', () => kube(['load-operator']), 'embedded'],
    ['k6 on kube (through port-forward)', 'k6', () => kube(['load-operator']), 'k6'],
    ['k6-operator on kube with the CRD', 'k6-operator', () => kube(['load-operator']), 'k6-operator'],
    ['k6-operator on kube without the CRD', 'k6-operator', () => kube(), 'none', /does not serve k6-operator's TestRun CRD \(testruns\.k6\.io\): install k6-operator/],
    ['k6-operator locally', 'k6-operator', () => local, 'none', /needs a Kubernetes environment \(--env kube\); this one is local/],
  ])('%s → %s', async (_case, choice, env, backend, why) => {
    const chosen = await chooseLoadBackend(choice, env(), noK6);
    expect(chosen.backend).toBe(backend);
    if (why) expect(chosen).toMatchObject({ why: expect.stringMatching(why) });
  });
});

describe('load stage needs at plan time', () => {
  it.each<[LoadBackendChoice, readonly Capability[], Capability[]]>([
    ['auto', KUBE_CAPABILITIES, ['load-operator']],
    ['auto', LOCAL_CAPABILITIES, []],
    ['k6-operator', LOCAL_CAPABILITIES, ['load-operator']],
    ['embedded', KUBE_CAPABILITIES, []],
  ])('%s where %j is offered needs %j', (choice, offered, needs) => {
    expect(loadBackendNeeds(choice, offered)).toEqual(needs);
  });

  const resolve = (provider: string, backend: string) =>
    resolveConfig({
      cwd: '/tmp',
      loaded: { value: { environment: { provider, ...(provider === 'kube' ? { kube: { namespace: 'casino' } } : {}) } } },
      flags: { only: ['load'], stageOverrides: { load: { backend } } },
      env: {},
      stages: [loadStage],
      providers: { local: { capabilities: LOCAL_CAPABILITIES }, kube: { capabilities: KUBE_CAPABILITIES } },
    });

  it('rejects --load-backend k6-operator on the local environment, naming the capability', () => {
    const error = (() => {
      try {
        resolve('local', 'k6-operator');
      } catch (e) {
        return e as ConfigError;
      }
      throw new Error('expected a ConfigError');
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.issues).toContainEqual(expect.objectContaining({ path: 'stages.load', message: expect.stringContaining('"load-operator"') }));
  });

  it('accepts k6-operator on kube and plans it with its runner count', () => {
    const config = resolve('kube', 'k6-operator');
    const planned = config.stages[0]!;
    expect(planned.stage.plan(planned.config)[0]?.title).toContain('k6-operator backend (1 runner pods)');
  });
});
