// A stand-in "previous release" api: registers players unless REGISTER_STATUS says otherwise; EXIT_EARLY quits at once.
import { createServer } from 'node:http';

if (process.env.EXIT_EARLY) {
  console.error('cannot connect to the database');
  process.exit(3);
}
const status = Number(process.env.REGISTER_STATUS ?? 201);
const server = createServer((req, res) => {
  if (req.method === 'POST' && req.url === '/auth/register') {
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(status === 201 ? { playerId: '1' } : { error: 'column "password_hash" does not exist' }));
    return;
  }
  res.writeHead(404).end();
});
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  console.log(`GREENLIGHT_READY ${JSON.stringify({ service: 'api', port: server.address().port, database: process.env.DATABASE_URL })}`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
process.stdin.on('end', () => process.exit(0));
