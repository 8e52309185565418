import { createServer as createHttpServer, type Server } from 'node:http';
import { connect, type Socket } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { kubeAccessOf } from './access.ts';
import type { KubeScalingControls } from './connect.ts';
import type { Forwarder } from './port-forward.ts';
import { kubeProvider } from './provider.ts';
import { FakeKubeApi } from './testing/fake-api-server.ts';
import { installChaosMeshCrds, installK6OperatorCrd } from './testing/fake-operators.ts';
import { testContext } from './testing/context.ts';
import { deployment, hpa, NS, pod, service } from './testing/objects.ts';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Stands in for the pods: one loopback HTTP server per pod port, answering like the platform. */
let platform: Server;
let platformPort: number;
let api: FakeKubeApi;
let dir: string;
let kubeconfig: string;
const forwarded: { pod: string; port: number }[] = [];
let version = '1.5.0';

/** Carries each connection to the loopback platform instead of a pod, recording which pod port was asked for. */
const loopbackForwarder: Forwarder = {
  async forward(podName, port, socket: Socket) {
    forwarded.push({ pod: podName, port });
    const upstream = connect(platformPort, '127.0.0.1');
    upstream.on('error', () => socket.destroy());
    socket.pipe(upstream).pipe(socket);
  },
};

beforeAll(async () => {
  platform = createHttpServer((req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(req.url === '/version' ? { version, instance: 'api-1', pool: 'blue', flags: {} } : { status: 'ok' }));
  });
  await new Promise<void>((resolve) => platform.listen(0, '127.0.0.1', resolve));
  platformPort = (platform.address() as { port: number }).port;
  api = await new FakeKubeApi().start();
  for (const name of ['edge', 'rng', 'psp']) {
    const ports = name === 'edge' ? [{ name: 'http', port: 8080, targetPort: 'http' }, { name: 'admin', port: 8081, targetPort: 'admin' }] : [{ name: 'http', port: 8080, targetPort: 'http' }];
    api.put(service(name, ports));
    api.put(pod(`${name}-0`, name, { ready: true, ports: [{ name: 'http', containerPort: 8080 }, { name: 'admin', containerPort: 8081 }] }));
  }
  api.put(deployment('api', { replicas: 2, ready: 2 }));
  api.put(hpa('api', { current: 2, desired: 2, utilization: 40, active: true }));
  dir = mkdtempSync(join(tmpdir(), 'greenlight-kube-provider-'));
  kubeconfig = join(dir, 'config');
  writeFileSync(kubeconfig, api.kubeconfig('staging'));
});
afterAll(async () => {
  platform.closeAllConnections();
  await new Promise<void>((resolve) => platform.close(() => resolve()));
  await api.stop();
  rmSync(dir, { recursive: true, force: true });
});
afterEach(() => {
  forwarded.length = 0;
  version = '1.5.0';
});

describe('kube provider up()', () => {
  it('port-forwards every service to loopback, observes scaling, and closes it all on cleanup', async () => {
    const { ctx, dispose } = testContext();
    process.env.GL_KUBE_TEST_DATABASE_URL = 'postgres://probe@127.0.0.1:1/casino';
    try {
      const settings = { kubeconfig, namespace: NS, sampleIntervalMs: 100, readyTimeoutMs: 5_000, databaseUrlEnv: 'GL_KUBE_TEST_DATABASE_URL' };
      const env = await kubeProvider(settings, { forwarder: loopbackForwarder }).up(ctx, { candidate: '1.5.0' });
      expect(env.provider).toBe('kube');
      expect(env.urls.database).toBe('postgres://probe@127.0.0.1:1/casino');
      expect([...env.capabilities]).toEqual(['http', 'scaling']);
      expect(env.releases).toEqual({ blue: '1.5.0' });
      for (const url of [env.urls.edge, env.urls.edgeAdmin, env.urls.psp, env.urls.rng?.[0]]) expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const health = await fetch(`${env.urls.psp}/healthz`);
      expect(await health.json()).toEqual({ status: 'ok' });
      expect(forwarded).toEqual(expect.arrayContaining([{ pod: 'edge-0', port: 8080 }, { pod: 'psp-0', port: 8080 }]));

      const scaling = env.controls.scaling as KubeScalingControls;
      await new Promise((resolve) => setTimeout(resolve, 350));
      const answer = await scaling.autoscaler();
      expect(answer.history.length).toBeGreaterThanOrEqual(2);
      expect(answer.history[0]).toMatchObject({ replicas: 2, desired: 2 });
      expect((await scaling.hpa()).scalingActive).toBe(true);
      expect(kubeAccessOf(env)).toMatchObject({ namespace: NS, runId: 'kube-test-run' });

      const result = await ctx.cleanup.runAll();
      expect(result).toEqual({ status: 'clean', leftovers: [] });
      await expect(fetch(`${env.urls.edge}/healthz`)).rejects.toThrow();
      const samples = scaling.observer.history().length;
      await new Promise((resolve) => setTimeout(resolve, 250));
      expect(scaling.observer.history()).toHaveLength(samples);
    } finally {
      delete process.env.GL_KUBE_TEST_DATABASE_URL;
      await ctx.cleanup.runAll();
      dispose();
    }
  });

  it('uses configured service URLs (an ingress) instead of port-forwarding', async () => {
    const { ctx, dispose } = testContext();
    try {
      const direct = `http://127.0.0.1:${platformPort}`;
      const env = await kubeProvider({ kubeconfig, namespace: NS, serviceUrls: { edge: direct, edgeAdmin: direct, rng: direct, psp: `${direct}/` } }, { forwarder: loopbackForwarder }).up(ctx, { candidate: '1.5.0' });
      expect(env.urls).toMatchObject({ edge: direct, psp: direct, rng: [direct] });
      expect(forwarded).toEqual([]);
    } finally {
      await ctx.cleanup.runAll();
      dispose();
    }
  });

  it('refuses a namespace serving another release than the candidate, and still cleans up', async () => {
    version = '1.4.0';
    const { ctx, dispose } = testContext();
    try {
      await expect(kubeProvider({ kubeconfig, namespace: NS }, { forwarder: loopbackForwarder }).up(ctx, { candidate: '1.5.0' })).rejects.toThrow(`serves release 1.4.0, not the candidate 1.5.0`);
      expect(ctx.cleanup.size).toBe(4);
      expect((await ctx.cleanup.runAll()).status).toBe('clean');
    } finally {
      dispose();
    }
  });

  it('advertises the operator-backed capabilities whose CRDs the cluster serves', async () => {
    installK6OperatorCrd(installChaosMeshCrds(api));
    const { ctx, dispose } = testContext();
    try {
      const env = await kubeProvider({ kubeconfig, namespace: NS }, { forwarder: loopbackForwarder }).up(ctx, { candidate: '1.5.0' });
      expect([...env.capabilities]).toEqual(['http', 'scaling', 'network-faults', 'process-faults', 'load-operator']);
      expect(kubeAccessOf(env)?.edgeService).toEqual({ name: 'edge', port: 'http' });
    } finally {
      await ctx.cleanup.runAll();
      dispose();
    }
  });

  it('fails when the edge never becomes ready, naming the URL and the wait', async () => {
    const { ctx, dispose } = testContext();
    try {
      const dead = `http://127.0.0.1:1`;
      await expect(
        kubeProvider({ kubeconfig, namespace: NS, readyTimeoutMs: 1_000, serviceUrls: { edge: dead } }, { forwarder: loopbackForwarder }).up(ctx, { candidate: '1.5.0' }),
      ).rejects.toThrow(`${dead}/readyz not ready after 1000 ms`);
    } finally {
      await ctx.cleanup.runAll();
      dispose();
    }
  });
});
