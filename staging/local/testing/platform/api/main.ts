import { connect } from 'node:net';
import pg from 'pg';
import { listen, announce, sendJson } from '../../stub-service.ts';

function reachable(url: string | undefined): Promise<boolean> {
  if (!url) return Promise.resolve(false);
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect({ host: hostname, port: Number(port) });
    socket.setTimeout(500, () => finish(false));
    socket.once('connect', () => finish(true));
    socket.once('error', () => finish(false));
    const finish = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
  });
}

/** The database is reachable when a query answers within half a second. */
async function databaseAnswers(url: string | undefined): Promise<boolean> {
  if (!url) return false;
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 500, query_timeout: 500 });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    void client.end().catch(() => {});
  }
}

const server = await listen(async (req, res) => {
  const url = new URL(req.url ?? '/', 'http://stub');
  if (url.pathname === '/readyz') {
    const ok = (await databaseAnswers(process.env.DATABASE_URL)) && (await reachable(process.env.RNG_URL));
    sendJson(res, ok ? 200 : 503, { status: ok ? 'ready' : 'not ready' });
    return true;
  }
  if (url.pathname === '/slow') {
    await new Promise((resolve) => setTimeout(resolve, Number(url.searchParams.get('ms') ?? 500)));
    sendJson(res, 200, { instance: process.env.INSTANCE_ID });
    return true;
  }
  if (url.pathname === '/version') {
    sendJson(res, 200, { instance: process.env.INSTANCE_ID, pool: process.env.POOL, manifest: process.env.RELEASE_MANIFEST });
    return true;
  }
  return false;
});
announce('api', [server]);
