import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleRngService } from './sample-service.ts';

// A tiny rng service on loopback: /raw?bytes=n answers n random bytes; /short and /broken misbehave.
let server: Server;
let base: string;
const requests: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push(url.pathname + url.search);
    const n = Number(url.searchParams.get('bytes'));
    if (url.pathname === '/raw') {
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      res.end(randomBytes(n));
    } else if (url.pathname === '/short') {
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      res.end(randomBytes(Math.max(0, n - 1)));
    } else if (url.pathname === '/json') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{}');
    } else {
      res.writeHead(503);
      res.end('down');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('sampleRngService', () => {
  it('collects the requested bytes in chunks over real HTTP', async () => {
    requests.length = 0;
    const bytes = await sampleRngService({ fetch, url: `${base}/raw`, bytes: 10_000, chunkBytes: 4096 });
    expect(bytes).toHaveLength(10_000);
    expect(requests).toEqual(['/raw?bytes=4096', '/raw?bytes=4096', '/raw?bytes=1808']);
    expect(new Set(bytes).size).toBeGreaterThan(200);
  });

  it.each([
    { path: '/short', error: /returned 99 bytes; asked for 100/ },
    { path: '/json', error: /content-type "application\/json"/ },
    { path: '/down', error: /answered 503/ },
  ])('fails closed on $path', async ({ path, error }) => {
    await expect(sampleRngService({ fetch, url: `${base}${path}`, bytes: 100 })).rejects.toThrow(error);
  });

  it('rejects a non-positive size before any request', async () => {
    await expect(sampleRngService({ fetch, url: `${base}/raw`, bytes: 0 })).rejects.toThrow(/positive integer/);
  });
});
