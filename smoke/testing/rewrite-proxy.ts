import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ProxyRules {
  /** Answer a request here instead of forwarding it (e.g. a 500 on POST /wallet/deposits). */
  intercept?(method: string, path: string): { status: number; body: unknown } | undefined;
  /** Rewrite the text of a forwarded answer (e.g. strip a control from the UI). */
  rewrite?(path: string, text: string): string;
  /** Headers added to every forwarded answer (e.g. an edge's `x-greenlight-pool`). */
  addHeaders?: Record<string, string>;
}

export interface RunningProxy {
  url: string;
  close(): Promise<void>;
}

/** A loopback proxy in front of the platform that breaks one thing, so tests prove the smoke catches it. */
export async function startRewritingProxy(target: string, rules: ProxyRules): Promise<RunningProxy> {
  const upstream = new URL(target);
  const server = createServer((req, res) => void handle(req, res));
  async function handle(req: IncomingMessage, res: ServerResponse) {
    const path = req.url ?? '/';
    const intercepted = rules.intercept?.(req.method ?? 'GET', path.split('?')[0]!);
    if (intercepted) {
      req.resume();
      res.writeHead(intercepted.status, { 'content-type': 'application/json' }).end(JSON.stringify(intercepted.body));
      return;
    }
    const headers = { ...req.headers, host: upstream.host, 'accept-encoding': 'identity' };
    const forward = request({ hostname: upstream.hostname, port: upstream.port, method: req.method, path, headers }, (answer) => {
      const chunks: Buffer[] = [];
      answer.on('data', (chunk: Buffer) => chunks.push(chunk));
      answer.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const body = rules.rewrite ? rules.rewrite(path.split('?')[0]!, text) : text;
        const { 'content-length': _length, 'transfer-encoding': _te, ...rest } = answer.headers;
        res.writeHead(answer.statusCode ?? 502, { ...rest, ...rules.addHeaders, 'content-length': Buffer.byteLength(body) }).end(body);
      });
    });
    forward.on('error', (error) => res.writeHead(502).end(error.message));
    req.pipe(forward);
  }
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
