/**
 * CPU per request and requests per second per core of the embedded engine against a trivial loopback server, beside
 * autocannon in the same run. Run: node bench/load-cpu.ts [seconds=5] [connections=50]
 */
import autocannon from 'autocannon';
import { runLoad } from '../scenarios/engine/run-load.ts';
import { parseScenario } from '../scenarios/model/parse.ts';
import { cpuOf, fmt, startBenchServer } from './load-support.ts';

const seconds = Number(process.argv[2] ?? 5);
const connections = Number(process.argv[3] ?? 50);
const server = await startBenchServer();
try {
  const rows: string[] = [];
  const report = (name: string, requests: number, cpuUs: number, wallMs: number) => {
    const perRequest = cpuUs / requests;
    rows.push(`${name.padEnd(50)} ${String(requests).padStart(8)} req  ${fmt((requests / wallMs) * 1000, 0).padStart(7)} req/s  ${fmt(perRequest).padStart(6)} µs CPU/req  ${fmt(1e6 / perRequest, 0).padStart(7)} req/s per core`);
  };
  const closed = parseScenario({ name: 'cpu', executor: { executor: 'constant-vus', vus: connections, duration: `${seconds}s`, gracefulStop: '2s' }, flows: [{ name: 'f', steps: [{ name: 'get', path: '/' }] }], connections });
  // Warm up the JIT and the connections, then measure.
  await runLoad({ scenario: { ...closed, executor: { ...closed.executor, duration: '1s' } as typeof closed.executor }, baseUrl: server.url });
  const engine = await cpuOf(() => runLoad({ scenario: closed, baseUrl: server.url }));
  report(`greenlight engine (constant-vus ${connections})`, engine.result.registry.aggregate({ name: 'http_reqs', tags: {} }, 'count') ?? 0, engine.cpuUs, engine.wallMs);

  const rate = Math.round(((engine.result.registry.aggregate({ name: 'http_reqs', tags: {} }, 'count') ?? 0) / seconds) * 0.6);
  const open = parseScenario({ name: 'cpu-open', executor: { executor: 'constant-arrival-rate', rate, duration: `${seconds}s`, preAllocatedVUs: connections, maxVUs: connections * 4, gracefulStop: '2s' }, flows: [{ name: 'f', steps: [{ name: 'get', path: '/' }] }], connections });
  const openRun = await cpuOf(() => runLoad({ scenario: open, baseUrl: server.url }));
  report(`greenlight engine (arrival rate ${rate}/s, timer)`, openRun.result.registry.aggregate({ name: 'http_reqs', tags: {} }, 'count') ?? 0, openRun.cpuUs, openRun.wallMs);
  const spinRun = await cpuOf(() => runLoad({ scenario: open, baseUrl: server.url, scheduler: 'spin' }));
  report(`greenlight engine (arrival rate ${rate}/s, spin)`, spinRun.result.registry.aggregate({ name: 'http_reqs', tags: {} }, 'count') ?? 0, spinRun.cpuUs, spinRun.wallMs);

  for (const pipelining of [1, 10]) {
    const cannon = await cpuOf(() => autocannon({ url: server.url, connections, pipelining, duration: seconds }));
    report(`autocannon -c${connections} -p${pipelining} (in-process)`, cannon.result.requests.total, cannon.cpuUs, cannon.wallMs);
  }
  process.stdout.write(`load-cpu: ${seconds}s per client, ${connections} connections, server in its own process (node:http)\n${rows.join('\n')}\n`);
  for (const [name, run] of [['timer', openRun], ['spin', spinRun]] as const) {
    process.stdout.write(`arrival rate (${name}): send lag p50 ${fmt(run.result.health.sendLagMs?.p50 ?? NaN, 3)} ms, p99 ${fmt(run.result.health.sendLagMs?.p99 ?? NaN, 2)} ms; dropped ${run.result.totals.dropped}\n`);
  }
} finally {
  await server.stop();
}
