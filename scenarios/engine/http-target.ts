import { Pool } from 'undici';
import type { Dispatcher } from 'undici';

export interface HttpAnswer {
  /** 0 when no answer came (connection error, timeout, abort). */
  status: number;
  /** The parsed JSON body, when asked for and parseable. */
  json?: unknown;
  error?: string;
}

export interface HttpTarget {
  send(method: Dispatcher.HttpMethod, path: string, headers: Record<string, string>, body: string | undefined, wantJson: boolean): Promise<HttpAnswer>;
  /** Aborts every request in flight and sends no more (the end of gracefulStop). */
  abortAll(): void;
  close(): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

export function isLoopbackUrl(url: string): boolean {
  try {
    return LOOPBACK.has(new URL(url).hostname);
  } catch {
    return false;
  }
}

/** A dispatch handler that keeps only the status (and the body when it is needed): the cheapest undici path. */
class AnswerHandler implements Dispatcher.DispatchHandler {
  status = 0;
  chunks: Buffer[] | undefined;
  readonly #resolve: (answer: HttpAnswer) => void;

  constructor(wantJson: boolean, resolve: (answer: HttpAnswer) => void) {
    if (wantJson) this.chunks = [];
    this.#resolve = resolve;
  }

  onRequestStart(): void {}

  onResponseStart(_controller: Dispatcher.DispatchController, statusCode: number): void {
    this.status = statusCode;
  }

  onResponseData(_controller: Dispatcher.DispatchController, chunk: Buffer): void {
    this.chunks?.push(chunk);
  }

  onResponseEnd(): void {
    if (!this.chunks) return this.#resolve({ status: this.status });
    try {
      this.#resolve({ status: this.status, json: JSON.parse(Buffer.concat(this.chunks).toString('utf8')) as unknown });
    } catch {
      this.#resolve({ status: this.status, error: 'the answer is not JSON' });
    }
  }

  onResponseError(_controller: Dispatcher.DispatchController, error: Error): void {
    this.#resolve({ status: 0, error: error.message });
  }
}

/** One keep-alive undici Pool per generator thread; connections are capped to model a client population. */
export function createHttpTarget(baseUrl: string, options: { connections: number; timeoutMs: number }): HttpTarget {
  const url = new URL(baseUrl);
  const prefix = url.pathname.replace(/\/$/, '');
  const pool = new Pool(url.origin, {
    connections: options.connections,
    pipelining: 1,
    headersTimeout: options.timeoutMs,
    bodyTimeout: options.timeoutMs,
    connectTimeout: Math.min(options.timeoutMs, 10_000),
    keepAliveTimeout: 30_000,
  });
  let destroyed: Promise<void> | undefined;
  return {
    send(method, path, headers, body, wantJson) {
      if (destroyed) return Promise.resolve({ status: 0, error: 'the run was stopped' });
      return new Promise((resolve) => {
        try {
          pool.dispatch({ method, path: prefix + path, headers, body }, new AnswerHandler(wantJson, resolve));
        } catch (error) {
          resolve({ status: 0, error: (error as Error).message });
        }
      });
    },
    abortAll() {
      destroyed ??= pool.destroy().catch(() => undefined);
    },
    close: () => (destroyed ??= pool.destroy().catch(() => undefined)),
  };
}
