import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../core/errors.ts';
import { resolveKubeConfig } from './config.ts';
import { kubeProvider } from './provider.ts';
import { FakeKubeApi } from './testing/fake-api-server.ts';
import { namespace, NS } from './testing/objects.ts';

let api: FakeKubeApi;
let dir: string;
let kubeconfig: string;

beforeAll(async () => {
  api = await new FakeKubeApi().start();
  api.put(namespace());
  dir = mkdtempSync(join(tmpdir(), 'greenlight-kubeconfig-'));
  kubeconfig = join(dir, 'config');
  writeFileSync(kubeconfig, api.kubeconfig('staging'));
});
afterAll(async () => {
  await api.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function preflightError(config: Parameters<typeof kubeProvider>[0], settings: Parameters<typeof kubeProvider>[1] = {}): Promise<ConfigError> {
  const error = await kubeProvider(config, { preflightTimeoutMs: 2_000, ...settings }).preflight!({ candidate: '1.5.0' }).then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(ConfigError);
  return error as ConfigError;
}

describe('kube preflight', () => {
  it('passes when the context answers and the namespace exists', async () => {
    await expect(kubeProvider({ kubeconfig, namespace: NS }).preflight!({ candidate: '1.5.0' })).resolves.toBeUndefined();
    expect(api.requests.map((r) => r.path)).toEqual(expect.arrayContaining(['/version', `/api/v1/namespaces/${NS}`]));
  });

  it('names the missing kubeconfig and the --env local alternative', async () => {
    const error = await preflightError({ namespace: NS }, { env: {}, home: dir + '/nowhere' });
    expect(error.code).toBe('kube-unavailable');
    expect(error.message).toContain('no kubeconfig found');
    expect(error.issues[0]?.path).toBe('environment.kube.kubeconfig');
    expect(error.hint).toContain('--env local');
  });

  it('names an explicit kubeconfig file that does not exist', async () => {
    const error = await preflightError({ kubeconfig: join(dir, 'missing'), namespace: NS });
    expect(error.message).toContain(`kubeconfig file ${join(dir, 'missing')} does not exist`);
  });

  it('finds the kubeconfig through $KUBECONFIG and lists the known contexts for an unknown one', async () => {
    const error = await preflightError({ context: 'prod', namespace: NS }, { env: { KUBECONFIG: kubeconfig } });
    expect(error.issues[0]).toMatchObject({ path: 'environment.kube.context', message: 'context "prod" is not in the kubeconfig', expected: 'one of staging' });
  });

  it('reports an unreachable cluster with its context and server', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as { port: number }).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const file = join(dir, 'unreachable');
    writeFileSync(file, api.kubeconfig('gone').replace(api.url, `http://127.0.0.1:${port}`));
    const error = await preflightError({ kubeconfig: file, namespace: NS });
    expect(error.message).toContain(`context "gone" (server http://127.0.0.1:${port}) is unreachable`);
    expect(error.hint).toContain('--env local');
  });

  it('reports rejected credentials', async () => {
    api.failWith = 401;
    try {
      const error = await preflightError({ kubeconfig, namespace: NS });
      expect(error.message).toContain('rejected the credentials (HTTP 401)');
    } finally {
      api.failWith = undefined;
    }
  });

  it('reports a namespace that does not exist', async () => {
    const error = await preflightError({ kubeconfig, namespace: 'casino-nope' });
    expect(error.issues[0]).toMatchObject({ path: 'environment.kube.namespace', message: 'namespace "casino-nope" does not exist in context "staging"' });
  });
});

describe('kube config', () => {
  it('reports every problem at once, with paths', () => {
    const error = (() => {
      try {
        resolveKubeConfig({ namespace: 'Bad_NS', serviceUrls: { edge: 'ftp://x' }, extra: 1 });
      } catch (e) {
        return e as ConfigError;
      }
      throw new Error('expected a ConfigError');
    })();
    expect(error).toBeInstanceOf(ConfigError);
    const paths = error.issues.map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['environment.kube.namespace', 'environment.kube.serviceUrls.edge', 'environment.kube']));
  });

  it('fills defaults matching fixtures/platform/deploy', () => {
    expect(resolveKubeConfig({ namespace: NS })).toMatchObject({ scaleTarget: { deployment: 'api', hpa: 'api' }, sampleIntervalMs: 1_000, services: { edge: 'edge', edgeAdminPort: 'admin' } });
  });
});
