import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { servePortForward } from './fake-port-forward.ts';

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  contentType?: string;
  body?: unknown;
}

interface StoredObject {
  apiVersion?: string;
  kind?: string;
  metadata?: { name?: string; namespace?: string; labels?: Record<string, string>; uid?: string };
  [field: string]: unknown;
}

export interface FakeResource {
  groupVersion: string;
  plural: string;
  kind: string;
  namespaced: boolean;
}

/** Plural, kind and group/version of the resources the fake serves (for discovery and routing). */
const RESOURCES: FakeResource[] = [
  { groupVersion: 'v1', plural: 'namespaces', kind: 'Namespace', namespaced: false },
  { groupVersion: 'v1', plural: 'pods', kind: 'Pod', namespaced: true },
  { groupVersion: 'v1', plural: 'configmaps', kind: 'ConfigMap', namespaced: true },
  { groupVersion: 'v1', plural: 'services', kind: 'Service', namespaced: true },
  { groupVersion: 'v1', plural: 'secrets', kind: 'Secret', namespaced: true },
  { groupVersion: 'apps/v1', plural: 'deployments', kind: 'Deployment', namespaced: true },
  { groupVersion: 'autoscaling/v2', plural: 'horizontalpodautoscalers', kind: 'HorizontalPodAutoscaler', namespaced: true },
];

/**
 * A small Kubernetes API server on loopback for adapter tests: discovery, get/list (equality label selectors),
 * server-side-apply PATCH, DELETE, /version. Records every request. Not a cluster: no controllers, no validation.
 */
export class FakeKubeApi {
  readonly requests: RecordedRequest[] = [];
  private readonly store = new Map<string, StoredObject>();
  private server?: Server;
  url = '';
  /** Answer every request with this status (401, 403, 500) to test error paths. */
  failWith?: number;

  /** Pods reachable through pods/portforward: pod name → loopback port standing in for every container port. */
  readonly podBackends = new Map<string, number>();
  /** `namespace/pod:port` per port-forward stream opened. */
  readonly portForwards: string[] = [];
  private stopPortForward?: () => void;
  /** Resources served: the built-in kinds plus the CRDs a test installed. */
  private readonly resources: FakeResource[] = [...RESOURCES];
  /** Logs by pod name, for pods/<name>/log. */
  readonly podLogs = new Map<string, string>();
  /** Stand-in controllers: called for every request after it is recorded and before it is answered. */
  readonly reactors: ((request: RecordedRequest) => void)[] = [];

  /** Serves a custom resource, as if its CRD were installed (discovery, get/list/apply/delete). */
  installCrd(resource: Omit<FakeResource, 'namespaced'> & { namespaced?: boolean }): this {
    this.resources.push({ namespaced: true, ...resource });
    return this;
  }

  /** Every stored object of a kind. */
  list(apiVersion: string, kind: string): StoredObject[] {
    return [...this.store.values()].filter((o) => o.apiVersion === apiVersion && o.kind === kind);
  }

  delete(apiVersion: string, kind: string, name: string, namespace?: string): void {
    this.store.delete(this.keyOf({ apiVersion, kind, metadata: { name, namespace } }));
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    this.stopPortForward = servePortForward(this.server, (pod) => this.podBackends.get(pod), this.portForwards);
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const address = this.server.address();
    if (address === null || typeof address === 'string') throw new Error('fake API server has no TCP address');
    this.url = `http://127.0.0.1:${address.port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.stopPortForward?.();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** Stores an object as the cluster would hold it. */
  put(object: StoredObject): void {
    this.store.set(this.keyOf(object), structuredClone(object));
  }

  get(apiVersion: string, kind: string, name: string, namespace?: string): StoredObject | undefined {
    return this.store.get(this.keyOf({ apiVersion, kind, metadata: { name, namespace } }));
  }

  /** A kubeconfig YAML pointing at this server with the given context name. */
  kubeconfig(context = 'fake'): string {
    return [
      'apiVersion: v1',
      'kind: Config',
      `current-context: ${context}`,
      'clusters:',
      `- name: ${context}-cluster`,
      `  cluster: {server: "${this.url}", insecure-skip-tls-verify: true}`,
      'users:',
      `- name: ${context}-user`,
      '  user: {token: fake-token}',
      'contexts:',
      `- name: ${context}`,
      `  context: {cluster: ${context}-cluster, user: ${context}-user}`,
      '',
    ].join('\n');
  }

  private keyOf(object: StoredObject): string {
    const resource = this.resources.find((r) => r.groupVersion === object.apiVersion && r.kind === object.kind);
    if (!resource) throw new Error(`fake API server does not know ${object.apiVersion} ${object.kind}`);
    const ns = resource.namespaced ? `namespaces/${object.metadata?.namespace}/` : '';
    return `${prefix(resource.groupVersion)}/${ns}${resource.plural}/${object.metadata?.name}`;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.url);
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString();
    const body = text ? safeJson(text) : undefined;
    const request: RecordedRequest = { method: req.method ?? 'GET', path: url.pathname, query: Object.fromEntries(url.searchParams), contentType: req.headers['content-type'], body };
    this.requests.push(request);
    for (const react of this.reactors) react(request);
    const send = (status: number, payload: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(payload));
    };
    if (this.failWith) return send(this.failWith, status(this.failWith, 'injected failure'));
    if (url.pathname === '/version') return send(200, { major: '1', minor: '33', gitVersion: 'v1.33.0-fake' });
    const log = /^\/api\/v1\/namespaces\/([^/]+)\/pods\/([^/]+)\/log$/.exec(url.pathname);
    if (log && req.method === 'GET') {
      if (!this.store.has(url.pathname.slice(0, -'/log'.length))) return send(404, status(404, `pods "${log[2]}" not found`));
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end(this.podLogs.get(log[2]!) ?? '');
      return;
    }
    const discovery = this.resources.filter((r) => prefix(r.groupVersion) === url.pathname);
    if (discovery.length > 0) {
      return send(200, { kind: 'APIResourceList', groupVersion: discovery[0]!.groupVersion, resources: discovery.map((r) => ({ name: r.plural, namespaced: r.namespaced, kind: r.kind, verbs: ['get', 'list', 'patch', 'delete'] })) });
    }
    const key = url.pathname;
    const stored = this.store.get(key);
    switch (req.method) {
      case 'GET': {
        if (stored) return send(200, stored);
        const collection = [...this.store.entries()].filter(([k]) => k.startsWith(`${key}/`) && !k.slice(key.length + 1).includes('/'));
        const resource = this.resources.find((r) => key.endsWith(`/${r.plural}`));
        if (!resource) return send(404, status(404, `${key} not found`));
        const selector = parseSelector(url.searchParams.get('labelSelector'));
        const items = collection.map(([, o]) => o).filter((o) => Object.entries(selector).every(([k, v]) => o.metadata?.labels?.[k] === v));
        return send(200, { apiVersion: resource.groupVersion, kind: `${resource.kind}List`, metadata: {}, items });
      }
      case 'PATCH': {
        const object = body as StoredObject;
        this.store.set(key, { ...structuredClone(object), metadata: { ...object.metadata, uid: `uid-${this.store.size}` } });
        return send(stored ? 200 : 201, this.store.get(key));
      }
      case 'DELETE': {
        if (!stored) return send(404, status(404, `${key} not found`));
        this.store.delete(key);
        return send(200, status(200, 'deleted'));
      }
      default:
        return send(405, status(405, `${req.method} not supported by the fake`));
    }
  }
}

function prefix(groupVersion: string): string {
  return groupVersion === 'v1' ? '/api/v1' : `/apis/${groupVersion}`;
}

function status(code: number, message: string) {
  return { kind: 'Status', apiVersion: 'v1', status: code < 400 ? 'Success' : 'Failure', message, code };
}

function parseSelector(selector: string | null): Record<string, string> {
  if (!selector) return {};
  return Object.fromEntries(selector.split(',').map((part) => part.split('=') as [string, string]));
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
