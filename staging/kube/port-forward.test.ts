import { createServer, type Server } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { KubeConfig } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../core/logger.ts';
import { createKubeClient } from './client.ts';
import { kubeForwarder, openLoopbackForward } from './port-forward.ts';
import { FakeKubeApi } from './testing/fake-api-server.ts';
import { NS, pod, service } from './testing/objects.ts';

let api: FakeKubeApi;
let kc: KubeConfig;
let backend: Server;

beforeAll(async () => {
  backend = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => res.end(JSON.stringify({ path: req.url, body: Buffer.concat(chunks).toString() })));
  });
  await new Promise<void>((resolve) => backend.listen(0, '127.0.0.1', resolve));
  api = await new FakeKubeApi().start();
  api.podBackends.set('rng-7', (backend.address() as { port: number }).port);
  api.put(service('rng', [{ name: 'http', port: 8080, targetPort: 'http' }]));
  api.put(pod('rng-7', 'rng', { ready: true, ports: [{ name: 'http', containerPort: 8080 }] }));
  kc = new KubeConfig();
  kc.loadFromString(api.kubeconfig());
});
afterAll(async () => {
  await api.stop();
  backend.closeAllConnections();
  await new Promise<void>((resolve) => backend.close(() => resolve()));
});

describe('port-forward through client-node PortForward', () => {
  it('carries HTTP over pods/portforward from a loopback port to the pod behind the Service', async () => {
    const forward = await openLoopbackForward({ client: createKubeClient(kc, NS), forwarder: kubeForwarder(kc, NS), service: 'rng', port: 'http', log: silentLogger });
    try {
      expect(forward.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const first = await fetch(`${forward.url}/random?count=3`, { method: 'POST', body: 'hello' });
      expect(await first.json()).toEqual({ path: '/random?count=3', body: 'hello' });
      const second = await fetch(`${forward.url}/info`);
      expect(await second.json()).toMatchObject({ path: '/info' });
      expect(api.portForwards[0]).toBe(`${NS}/rng-7:8080`);
    } finally {
      await forward.close();
    }
    await expect(fetch(`${forward.url}/info`)).rejects.toThrow();
  });

  it('ends the loopback connection when the pod side closes, instead of hanging', async () => {
    const closer = createNetServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => closer.listen(0, '127.0.0.1', resolve));
    api.podBackends.set('flaky-0', (closer.address() as { port: number }).port);
    api.put(service('flaky', [{ name: 'http', port: 8080, targetPort: 'http' }]));
    api.put(pod('flaky-0', 'flaky', { ready: true }));
    const forward = await openLoopbackForward({ client: createKubeClient(kc, NS), forwarder: kubeForwarder(kc, NS), service: 'flaky', port: 'http', log: silentLogger });
    try {
      await expect(fetch(`${forward.url}/healthz`, { signal: AbortSignal.timeout(5_000) })).rejects.toThrow(/fetch failed/);
    } finally {
      await forward.close();
      await new Promise<void>((resolve) => closer.close(() => resolve()));
    }
  });

  it('drops the connection when no pod is ready, instead of hanging', async () => {
    api.put(service('psp', [{ name: 'http', port: 8080, targetPort: 'http' }]));
    const forward = await openLoopbackForward({ client: createKubeClient(kc, NS), forwarder: kubeForwarder(kc, NS), service: 'psp', port: 'http', log: silentLogger });
    try {
      await expect(fetch(`${forward.url}/healthz`, { signal: AbortSignal.timeout(5_000) })).rejects.toThrow(/fetch failed/);
    } finally {
      await forward.close();
    }
  });
});
