import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LoopbackServer {
  url: string;
  requests: () => number;
  /** Holds every answer until `unfreeze` (a stalled server). */
  freeze(): void;
  unfreeze(): void;
  close(): Promise<void>;
}

export type Handler = (req: IncomingMessage, body: string, res: ServerResponse) => void;

const defaultHandler: Handler = (req, _body, res) => {
  if (req.url?.startsWith('/status/')) {
    res.writeHead(Number(req.url.slice('/status/'.length)) || 500).end();
    return;
  }
  res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true,"token":"t-1","id":7}');
};

/** A trivial HTTP server on 127.0.0.1 and a free port, for engine tests and benchmarks. */
export async function startLoopbackServer(handler: Handler = defaultHandler): Promise<LoopbackServer> {
  let count = 0;
  let frozen: Array<() => void> | undefined;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      count += 1;
      const answer = () => handler(req, Buffer.concat(chunks).toString(), res);
      if (frozen) frozen.push(answer);
      else answer();
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests: () => count,
    freeze: () => {
      frozen ??= [];
    },
    unfreeze: () => {
      const held = frozen ?? [];
      frozen = undefined;
      for (const answer of held) answer();
    },
    close: () =>
      new Promise((resolve) => {
        frozen = undefined;
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
