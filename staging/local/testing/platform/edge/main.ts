import { request, type IncomingMessage } from 'node:http';
import { announce, listen, sendJson } from '../../stub-service.ts';

type PoolName = 'blue' | 'green' | 'canary';
interface Instance {
  id: string;
  url: string;
  healthy: boolean;
  inFlight: number;
  requests: number;
}

const pools: Record<PoolName, Instance[]> = { blue: [], green: [], canary: [] };
let weights: Record<PoolName, number> = { blue: 100, green: 0, canary: 0 };
let turn = 0;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => resolve(body));
  });
}

function pickPool(pinned: string | undefined): PoolName {
  if (pinned === 'blue' || pinned === 'green' || pinned === 'canary') return pinned;
  let roll = Math.random() * 100;
  for (const pool of ['blue', 'green', 'canary'] as const) {
    roll -= weights[pool];
    if (roll < 0) return pool;
  }
  return 'blue';
}

async function checkHealth(): Promise<void> {
  for (const instance of Object.values(pools).flat()) {
    try {
      const response = await fetch(`${instance.url}/healthz`, { signal: AbortSignal.timeout(400) });
      instance.healthy = response.ok;
      await response.body?.cancel();
    } catch {
      instance.healthy = false;
    }
  }
}
setInterval(() => void checkHealth(), 500).unref();

const player = await listen((req, res) => {
  const pool = pickPool(req.headers['x-greenlight-pool'] as string | undefined);
  const healthy = pools[pool].filter((i) => i.healthy);
  if (healthy.length === 0) {
    sendJson(res, 503, { error: `no healthy instance in ${pool}` });
    return true;
  }
  const instance = healthy[turn++ % healthy.length]!;
  instance.inFlight++;
  instance.requests++;
  const target = new URL(req.url ?? '/', instance.url);
  const upstream = request(target, { method: req.method, headers: req.headers }, (answer) => {
    res.writeHead(answer.statusCode ?? 502, { ...answer.headers, 'x-greenlight-pool': pool, 'x-greenlight-instance': instance.id });
    answer.pipe(res);
  });
  let done = false;
  const finish = () => {
    if (!done) instance.inFlight--;
    done = true;
  };
  res.on('close', finish);
  upstream.on('error', () => {
    finish();
    if (!res.headersSent) sendJson(res, 502, { error: 'upstream unreachable' });
    else res.destroy();
  });
  req.pipe(upstream);
  return true;
}, Number(process.env.PORT ?? 0));

const admin = await listen(async (req, res) => {
  const poolMatch = /^\/pools\/(blue|green|canary)$/.exec(req.url ?? '');
  if (req.method === 'PUT' && poolMatch) {
    const body = JSON.parse(await readBody(req)) as { instances: { id: string; url: string }[] };
    const pool = poolMatch[1] as PoolName;
    const previous = new Map(pools[pool].map((i) => [i.id, i]));
    pools[pool] = body.instances.map((i) => previous.get(i.id) ?? { ...i, healthy: false, inFlight: 0, requests: 0 });
    void checkHealth();
    sendJson(res, 200, { ok: true });
    return true;
  }
  if (req.method === 'PUT' && req.url === '/weights') {
    weights = JSON.parse(await readBody(req));
    sendJson(res, 200, { ok: true });
    return true;
  }
  if (req.url === '/state') {
    sendJson(res, 200, { weights, pools });
    return true;
  }
  return false;
}, Number(process.env.ADMIN_PORT ?? 0));

announce('edge', [player, admin], { adminPort: (admin.address() as { port: number }).port });
