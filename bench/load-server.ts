import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A trivial keep-alive HTTP server for the load benchmarks: prints its port, exits when stdin closes. */
const server = createServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'text/plain', 'content-length': '3' }).end('ok\n');
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${(server.address() as AddressInfo).port}\n`);
});
process.stdin.resume();
process.stdin.on('end', () => process.exit(0));
