import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

export interface RecordedCall {
  method: string;
  path: string;
  body?: unknown;
}

/** How the fake "controller" treats a created chaos object. */
export type ChaosBehaviour = 'inject' | 'fail' | 'never';

interface Stored {
  object: Record<string, any>;
  polls: number;
  deleting: boolean;
  deletePolls: number;
}

/**
 * A small Kubernetes API on loopback for the Chaos Mesh adapter: chaos-mesh.org custom objects (create, get,
 * delete) with a stand-in controller that sets status conditions after `injectAfterPolls` reads and holds deletion
 * (the records finalizer) for `deleteAfterPolls` reads; and apps/v1 Deployments whose ready replicas dip after a
 * pod-kill and come back. Records every call. Not a cluster: no validation, no watch.
 */
export class FakeChaosApi {
  readonly calls: RecordedCall[] = [];
  readonly deployments = new Map<string, { replicas: number; ready: number; recoverAfterPolls: number }>();
  behaviour: ChaosBehaviour = 'inject';
  injectAfterPolls = 1;
  deleteAfterPolls = 1;
  url = '';
  private readonly objects = new Map<string, Stored>();
  private server?: Server;

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const address = this.server.address();
    if (address === null || typeof address === 'string') throw new Error('fake chaos API has no TCP address');
    this.url = `http://127.0.0.1:${address.port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  kubeconfig(): string {
    return [
      'apiVersion: v1', 'kind: Config', 'current-context: fake', 'clusters:', '- name: fake-cluster',
      `  cluster: {server: "${this.url}", insecure-skip-tls-verify: true}`, 'users:', '- name: fake-user', '  user: {token: fake-token}',
      'contexts:', '- name: fake', '  context: {cluster: fake-cluster, user: fake-user}', '',
    ].join('\n');
  }

  /** Chaos objects that still exist (deleted ones are gone once their finalizer let go). */
  existing(): Record<string, any>[] {
    return [...this.objects.values()].map((s) => s.object);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.url);
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const body = text ? (JSON.parse(text) as Record<string, any>) : undefined;
    this.calls.push({ method: req.method ?? 'GET', path: url.pathname, body });
    const send = (status: number, payload: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(payload));
    };
    const notFound = () => send(404, { kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'NotFound', code: 404 });

    const deployment = url.pathname.match(/^\/apis\/apps\/v1\/namespaces\/([^/]+)\/deployments\/([^/]+)$/);
    if (deployment && req.method === 'GET') {
      const d = this.deployments.get(deployment[2]!);
      if (!d) return notFound();
      if (d.ready < d.replicas && --d.recoverAfterPolls <= 0) d.ready = d.replicas;
      return send(200, { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: deployment[2], namespace: deployment[1] }, spec: { replicas: d.replicas }, status: { replicas: d.replicas, readyReplicas: d.ready, updatedReplicas: d.replicas } });
    }
    const collection = url.pathname.match(/^\/apis\/chaos-mesh\.org\/v1alpha1\/namespaces\/([^/]+)\/([a-z]+)(?:\/([^/]+))?$/);
    if (!collection) return notFound();
    const [, namespace, plural, name] = collection;
    if (req.method === 'POST' && !name && body) {
      const key = `${namespace}/${plural}/${body.metadata?.name}`;
      if (this.objects.has(key)) return send(409, { kind: 'Status', reason: 'AlreadyExists', code: 409 });
      const object = { ...body, metadata: { ...body.metadata, uid: `uid-${this.objects.size + 1}`, creationTimestamp: new Date().toISOString() } };
      this.objects.set(key, { object, polls: 0, deleting: false, deletePolls: 0 });
      if (body.kind === 'PodChaos' && body.spec?.action === 'pod-kill') {
        const app = body.spec?.selector?.labelSelectors?.['app.kubernetes.io/name'];
        const d = app ? this.deployments.get(app) : undefined;
        if (d) d.ready = d.replicas - 1;
      }
      return send(201, object);
    }
    if (req.method === 'GET' && !name) {
      const [labelKey, labelValue] = (url.searchParams.get('labelSelector') ?? '').split('=');
      const items = [...this.objects.entries()]
        .filter(([k, s]) => k.startsWith(`${namespace}/${plural}/`) && (!labelKey || s.object.metadata?.labels?.[labelKey] === labelValue))
        .map(([, s]) => s.object);
      return send(200, { apiVersion: 'chaos-mesh.org/v1alpha1', kind: 'List', items });
    }
    const key = `${namespace}/${plural}/${name}`;
    const stored = this.objects.get(key);
    if (!stored) return notFound();
    if (req.method === 'DELETE') {
      stored.deleting = true;
      stored.object.metadata.deletionTimestamp = new Date().toISOString();
      return send(200, stored.object);
    }
    if (req.method === 'GET') {
      if (stored.deleting && ++stored.deletePolls > this.deleteAfterPolls) {
        this.objects.delete(key);
        return notFound();
      }
      stored.polls += 1;
      if (stored.polls > this.injectAfterPolls) stored.object.status = this.statusFor(stored.deleting);
      return send(200, stored.object);
    }
    return send(405, { kind: 'Status', code: 405 });
  }

  private statusFor(deleting: boolean): Record<string, unknown> {
    const condition = (type: string, status: boolean) => ({ type, status: status ? 'True' : 'False' });
    if (this.behaviour === 'never') return { conditions: [condition('Selected', false), condition('AllInjected', false)] };
    if (this.behaviour === 'fail') {
      return {
        conditions: [condition('Selected', true), condition('AllInjected', false)],
        experiment: { desiredPhase: 'Run', containerRecords: [{ id: 'casino/api-0', phase: 'Not Injected', events: [{ type: 'Failed', operation: 'Apply', message: 'tc: permission denied' }] }] },
      };
    }
    return {
      conditions: [condition('Selected', true), condition('AllInjected', !deleting), condition('AllRecovered', deleting), condition('Paused', false)],
      experiment: { desiredPhase: deleting ? 'Stop' : 'Run', containerRecords: [{ id: 'casino/api-0', phase: deleting ? 'Not Injected' : 'Injected', injectedCount: 1, recoveredCount: deleting ? 1 : 0 }] },
    };
  }
}
