import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import type { Autoscaler } from './autoscaler.ts';
import { poolSchema } from './config.ts';
import type { ProcessAction, Replica } from './replica.ts';

class HttpError extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}

/** A kill or pause may carry a TTL: the supervisor restarts or resumes the instance itself when it passes. */
const ttlSchema = z.object({ ttlMs: z.number().int().min(1).max(3_600_000).optional() });
const scaleSchema = z.object({ pool: poolSchema, replicas: z.number().int().min(1).max(32) });

async function readJson(req: IncomingMessage): Promise<unknown> {
  let body = '';
  for await (const chunk of req) body += chunk;
  if (body.length === 0) return {};
  try {
    return JSON.parse(body);
  } catch {
    throw new HttpError(400, 'body is not JSON');
  }
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

/** The supervisor's admin API, loopback only. */
export async function startAdminServer(replica: Replica, autoscaler: Autoscaler): Promise<{ url: string; server: Server }> {
  const route = async (req: IncomingMessage): Promise<[number, unknown]> => {
    const url = new URL(req.url ?? '/', 'http://admin');
    const path = url.pathname;
    const method = req.method ?? 'GET';
    if (method === 'GET' && path === '/healthz') return [200, { status: 'ok' }];
    if (method === 'GET' && path === '/state') return [200, { ...replica.state(), autoscaler: { enabled: autoscaler.config.enabled, pool: autoscaler.config.pool } }];
    if (method === 'GET' && path === '/autoscaler') return [200, autoscaler.snapshot()];
    if (method === 'GET' && path === '/faults') return [200, { faults: replica.faults() }];
    if (method === 'POST' && path === '/faults') {
      const fault = replica.injectFault((await readJson(req)) as never);
      return [201, { id: fault.id, fault }];
    }
    if (method === 'DELETE' && path === '/faults') {
      replica.clearFaults();
      return [200, { cleared: true }];
    }
    const faultId = /^\/faults\/([^/]+)$/.exec(path)?.[1];
    if (method === 'DELETE' && faultId) {
      if (!replica.clearFault(decodeURIComponent(faultId))) throw new HttpError(404, `no active fault ${faultId}`);
      return [200, { cleared: true }];
    }
    const instance = /^\/instances\/([^/]+)\/(kill|pause|resume|restart)$/.exec(path);
    if (method === 'POST' && instance) {
      const { ttlMs } = ttlSchema.parse(await readJson(req));
      await replica.processAction(decodeURIComponent(instance[1]!), instance[2] as ProcessAction, ttlMs);
      return [200, { ok: true }];
    }
    if (method === 'POST' && path === '/scale') {
      const { pool, replicas } = scaleSchema.parse(await readJson(req));
      await replica.scale(pool, replicas);
      return [200, { pool, replicas: replica.replicas(pool) }];
    }
    if (method === 'POST' && path === '/database/clones') {
      const { name } = (await readJson(req)) as { name?: unknown };
      return [201, await replica.cloneDatabase(name as string)];
    }
    const clone = /^\/database\/clones\/([^/]+)$/.exec(path)?.[1];
    if (method === 'DELETE' && clone) {
      await replica.dropDatabase(decodeURIComponent(clone));
      return [200, { dropped: true }];
    }
    if (method === 'PUT' && path === '/weights') return [200, { weights: await replica.setWeights(await readJson(req)) }];
    throw new HttpError(404, `no route ${method} ${path}`);
  };

  const server = createServer((req, res) => {
    route(req).then(
      ([status, body]) => send(res, status, body),
      (error: unknown) => {
        if (error instanceof HttpError) return send(res, error.status, { error: error.message });
        if (error instanceof z.ZodError) return send(res, 400, { error: 'invalid request', issues: error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`) });
        if (error instanceof RangeError) return send(res, 400, { error: error.message });
        send(res, 500, { error: String(error) });
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}
