import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A stand-in service following the platform's service contract (ready line, /healthz, SIGTERM and
 * stdin-close exit), for the local environment's own tests. Not the platform.
 */
export type Handler = (req: IncomingMessage, res: ServerResponse) => boolean | Promise<boolean>;

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

export async function listen(handler: Handler, port = Number(process.env.PORT ?? 0)): Promise<Server> {
  const server = createServer(async (req, res) => {
    try {
      if (req.url === '/healthz') return sendJson(res, 200, { status: 'ok' });
      if (!(await handler(req, res))) sendJson(res, 404, { error: 'not found' });
    } catch (error) {
      sendJson(res, 500, { error: String(error) });
    }
  });
  await new Promise<void>((resolve) => server.listen(port, process.env.HOST ?? '127.0.0.1', resolve));
  return server;
}

export function announce(service: string, servers: Server[], extra: Record<string, unknown> = {}): void {
  const port = (servers[0]!.address() as AddressInfo).port;
  process.stdout.write(`GREENLIGHT_READY ${JSON.stringify({ service, port, instance: process.env.INSTANCE_ID ?? service, ...extra })}\n`);
  const stop = () => {
    for (const server of servers) {
      server.close();
      server.closeAllConnections();
    }
    setTimeout(() => process.exit(0), 50).unref();
  };
  process.on('SIGTERM', stop);
  process.stdin.on('end', stop);
  process.stdin.on('close', stop);
  process.stdin.resume();
}

export async function runSimpleService(service: string, handler: Handler = () => false): Promise<void> {
  const server = await listen(async (req, res) => {
    if (req.url === '/readyz') {
      sendJson(res, 200, { status: 'ready' });
      return true;
    }
    return handler(req, res);
  });
  announce(service, [server]);
}
