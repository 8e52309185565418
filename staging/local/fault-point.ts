import { randomUUID } from 'node:crypto';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import type { ActiveFault, FaultSpec, LinkBehaviour } from './faults.ts';
import { Connection, type Upstream } from './proxied-connection.ts';

export type { Upstream } from './proxied-connection.ts';
import { combineFaults } from './faults.ts';

interface Held {
  spec: FaultSpec;
  fault: ActiveFault;
  timer: NodeJS.Timeout;
}

/**
 * A TCP proxy on one link. It passes traffic untouched until a fault is injected; every fault ends by
 * itself when its TTL runs out, even if whoever injected it is gone.
 */
export class FaultPoint {
  readonly link: string;
  private upstream: Upstream | undefined;
  private readonly server: Server;
  private readonly faults = new Map<string, Held>();
  private readonly connections = new Set<Connection>();
  private behaviour: LinkBehaviour = combineFaults([]);
  private readonly now: () => number;
  /** When bytes last crossed the link in either direction (for draining). */
  lastActivityAt = 0;

  constructor(options: { link: string; upstream?: Upstream; now?: () => number }) {
    this.link = options.link;
    this.upstream = options.upstream;
    this.now = options.now ?? Date.now;
    this.server = createServer({ pauseOnConnect: true }, (socket) => this.accept(socket));
  }

  async listen(host = '127.0.0.1'): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(0, host, () => resolve());
    });
    return this.port;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  setUpstream(upstream: Upstream): void {
    this.upstream = upstream;
  }

  get target(): Upstream | undefined {
    return this.upstream;
  }

  get connectionCount(): number {
    return this.connections.size;
  }

  /** Connections with a request waiting for its answer (last bytes went client → server) or bytes still queued here. */
  get awaitingAnswer(): number {
    return [...this.connections].filter((c) => c.lastFromClient > c.lastFromServer || c.queued > 0).length;
  }

  inject(spec: FaultSpec, ttlMs: number): ActiveFault {
    const id = randomUUID();
    const startedAt = this.now();
    const fault: ActiveFault = { id, link: this.link, kind: spec.kind, params: { ...spec.params }, startedAt, expiresAt: startedAt + ttlMs };
    const timer = setTimeout(() => this.clear(id), ttlMs);
    timer.unref();
    this.faults.set(id, { spec, fault, timer });
    this.apply();
    return fault;
  }

  clear(id: string): boolean {
    const held = this.faults.get(id);
    if (!held) return false;
    clearTimeout(held.timer);
    this.faults.delete(id);
    this.apply();
    return true;
  }

  clearAll(): void {
    for (const id of [...this.faults.keys()]) this.clear(id);
  }

  active(): ActiveFault[] {
    return [...this.faults.values()].map((held) => held.fault);
  }

  async close(): Promise<void> {
    this.clearAll();
    for (const connection of this.connections) connection.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private apply(): void {
    this.behaviour = combineFaults([...this.faults.values()].map((held) => held.spec));
    for (const connection of this.connections) {
      if (this.behaviour.reset) connection.reset();
      else connection.update(this.behaviour);
    }
  }

  private accept(client: Socket): void {
    if (this.behaviour.reset || !this.upstream) {
      client.resetAndDestroy();
      return;
    }
    const touch = () => (this.lastActivityAt = Date.now());
    const connection = new Connection(client, this.upstream, () => this.behaviour, () => this.connections.delete(connection), touch);
    this.connections.add(connection);
  }
}
