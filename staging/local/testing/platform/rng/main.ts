import { randomBytes } from 'node:crypto';
import { runSimpleService, sendJson } from '../../stub-service.ts';

await runSimpleService('rng', (req, res) => {
  if (!req.url?.startsWith('/raw')) return false;
  sendJson(res, 200, { hex: randomBytes(16).toString('hex') });
  return true;
});
