/**
 * Memory per idle virtual user: the engine's heap with 10,000 pre-allocated VUs (each logged in: holding a token)
 * against the same run with 1 VU. Run: node --expose-gc bench/load-memory.ts [vus=10000]
 */
import { runLoad } from '../scenarios/engine/run-load.ts';
import { parseScenario } from '../scenarios/model/parse.ts';
import { startLoopbackServer } from '../scenarios/testing/loopback-server.ts';

const vus = Number(process.argv[2] ?? 10_000);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc');

async function heapDuringRun(preAllocatedVUs: number, server: { url: string }): Promise<number> {
  // One arrival per VU logs it in (the token stays in its variables); then the VUs idle while we measure.
  const scenario = parseScenario({
    name: 'memory',
    executor: { executor: 'constant-arrival-rate', rate: Math.min(preAllocatedVUs, 5_000), duration: `${Math.max(1, Math.ceil(preAllocatedVUs / 5_000)) + 2}s`, preAllocatedVUs, maxVUs: preAllocatedVUs },
    flows: [{ name: 'f', steps: [{ name: 'login', method: 'POST', path: '/', json: { user: 'u{{vu}}' }, extract: { token: 'token' }, once: true }, { name: 'idle', path: '/' }] }],
    connections: 16,
  });
  let sample = 0;
  const run = runLoad({ scenario, baseUrl: server.url });
  const deadline = Date.now() + (Math.ceil(preAllocatedVUs / 5_000) + 1.5) * 1000;
  while (Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  gc!();
  sample = process.memoryUsage().heapUsed;
  await run;
  return sample;
}

const server = await startLoopbackServer();
try {
  await heapDuringRun(1, server);
  const one = await heapDuringRun(1, server);
  const many = await heapDuringRun(vus, server);
  const perVu = (many - one) / (vus - 1);
  process.stdout.write(`load-memory: heap with 1 VU ${(one / 1e6).toFixed(1)} MB, with ${vus} VUs ${(many / 1e6).toFixed(1)} MB → ${(perVu / 1024).toFixed(2)} KB per idle VU (goal ≤ 50 KB)\n`);
} finally {
  await server.close();
}
