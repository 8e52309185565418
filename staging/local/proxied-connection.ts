import { connect, type Socket } from 'node:net';
import type { LinkBehaviour } from './faults.ts';

export interface Upstream {
  host: string;
  port: number;
}

const PAUSE_ABOVE_BYTES = 1 << 20;

/** One proxied connection: two directions, each a paced queue. */
export class Connection {
  private readonly client: Socket;
  private server: Socket | undefined;
  private readonly upstream: Upstream;
  private readonly toServer: Direction;
  private readonly toClient: Direction;
  private closed = false;
  private clientClosed = false;
  private serverClosed = false;
  private readonly onClose: () => void;
  private readonly touch: () => void;
  lastFromClient = 0;
  lastFromServer = 0;

  constructor(client: Socket, upstream: Upstream, behaviour: () => LinkBehaviour, onClose: () => void, touch: () => void) {
    this.client = client;
    this.touch = touch;
    client.on('data', () => {
      this.lastFromClient = performance.now();
      touch();
    });
    this.upstream = upstream;
    this.onClose = onClose;
    client.setNoDelay(true);
    // Delay applies to the answering direction only, so a fault of N ms adds N ms per round trip.
    this.toServer = new Direction(client, () => this.server, () => ({ ...behaviour(), delayMs: 0, jitterMs: 0 }));
    this.toClient = new Direction(undefined, () => client, behaviour);
    client.on('error', () => this.destroy());
    client.on('end', () => this.toServer.end());
    client.on('close', (hadError) => {
      this.clientClosed = true;
      if (hadError) return this.destroy();
      this.toServer.end();
      if (!this.server || this.serverClosed) this.destroy();
    });
    if (!behaviour().partition) this.connectUpstream();
    client.resume();
  }

  get queued(): number {
    return this.toServer.pendingBytes + this.toClient.pendingBytes;
  }

  update(behaviour: LinkBehaviour): void {
    if (!behaviour.partition && !this.server && !this.closed) this.connectUpstream();
    this.toServer.kick();
    this.toClient.kick();
  }

  reset(): void {
    if (this.closed) return;
    this.closed = true;
    this.client.resetAndDestroy();
    this.server?.resetAndDestroy();
    this.toServer.stop();
    this.toClient.stop();
    this.onClose();
  }

  destroy(): void {
    if (this.closed) return;
    this.closed = true;
    this.client.destroy();
    this.server?.destroy();
    this.toServer.stop();
    this.toClient.stop();
    this.onClose();
  }

  private connectUpstream(): void {
    const server = connect({ host: this.upstream.host, port: this.upstream.port });
    server.setNoDelay(true);
    server.on('data', () => {
      this.lastFromServer = performance.now();
      this.touch();
    });
    this.server = server;
    this.toClient.setSource(server);
    server.on('connect', () => this.toServer.kick());
    server.on('error', () => this.destroy());
    server.on('end', () => this.toClient.end());
    server.on('close', (hadError) => {
      this.serverClosed = true;
      if (hadError) return this.destroy();
      this.toClient.end();
      if (this.clientClosed) this.destroy();
    });
  }
}

interface Pending {
  chunk: Buffer;
  sendAt: number;
}

/** Moves bytes from a source socket to a sink socket, applying delay, bandwidth, drop and partition. */
class Direction {
  private source: Socket | undefined;
  private readonly sink: () => Socket | undefined;
  private readonly behaviour: () => LinkBehaviour;
  private readonly queue: Pending[] = [];
  private queuedBytes = 0;
  private nextFree = 0;
  private timer: NodeJS.Timeout | undefined;
  private ended = false;
  private stopped = false;

  constructor(source: Socket | undefined, sink: () => Socket | undefined, behaviour: () => LinkBehaviour) {
    this.sink = sink;
    this.behaviour = behaviour;
    if (source) this.setSource(source);
  }

  get pendingBytes(): number {
    return this.queuedBytes;
  }

  setSource(source: Socket): void {
    this.source = source;
    source.on('data', (chunk: Buffer) => this.push(chunk));
  }

  end(): void {
    this.ended = true;
    this.kick();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.queue.length = 0;
  }

  private push(chunk: Buffer): void {
    const behaviour = this.behaviour();
    if (behaviour.drop || this.stopped) return;
    const now = Date.now();
    const jitter = behaviour.jitterMs > 0 ? (Math.random() * 2 - 1) * behaviour.jitterMs : 0;
    const earliest = now + Math.max(0, behaviour.delayMs + jitter);
    const rate = behaviour.bytesPerSecond;
    // Slice big chunks under a bandwidth limit so the pacing is smooth rather than one burst per chunk.
    const slice = rate ? Math.max(64, Math.floor(rate / 20)) : chunk.length;
    for (let offset = 0; offset < chunk.length; offset += slice) {
      const piece = chunk.subarray(offset, offset + slice);
      const sendAt = Math.max(earliest, this.nextFree);
      this.nextFree = rate ? sendAt + (piece.length / rate) * 1000 : sendAt;
      this.queue.push({ chunk: piece, sendAt });
      this.queuedBytes += piece.length;
    }
    if (this.queuedBytes > PAUSE_ABOVE_BYTES) this.source?.pause();
    this.kick();
  }

  kick(): void {
    if (this.stopped) return;
    clearTimeout(this.timer);
    this.timer = undefined;
    const behaviour = this.behaviour();
    if (behaviour.drop) {
      this.queue.length = 0;
      this.queuedBytes = 0;
      this.nextFree = 0;
    }
    const sink = this.sink();
    if (behaviour.partition || !sink || sink.connecting) {
      this.source?.pause();
      return;
    }
    const now = Date.now();
    while (this.queue.length > 0 && this.queue[0]!.sendAt <= now) {
      const pending = this.queue.shift()!;
      this.queuedBytes -= pending.chunk.length;
      sink.write(pending.chunk);
    }
    if (this.queue.length > 0) {
      this.timer = setTimeout(() => this.kick(), this.queue[0]!.sendAt - now);
      return;
    }
    if (this.queuedBytes <= PAUSE_ABOVE_BYTES && !behaviour.drop) this.source?.resume();
    if (behaviour.drop) this.source?.resume();
    if (this.ended) sink.end();
  }
}
