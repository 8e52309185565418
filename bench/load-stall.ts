/**
 * The stall test (load.md §2.4): a constant 1000/s for T = 20 s while the server process is frozen (SIGSTOP) for S s
 * at t = 5 s. The truth for an open-loop client is L_q ≈ S − (1 − q)·T and mean ≈ b + S²/(2T); a client with
 * coordinated omission reports a p99 near the base latency. Run: node bench/load-stall.ts [rate=1000] [T=20]
 */
import { runLoad } from '../scenarios/engine/run-load.ts';
import { parseScenario } from '../scenarios/model/parse.ts';
import { fmt, startBenchServer } from './load-support.ts';

const rate = Number(process.argv[2] ?? 1000);
const seconds = Number(process.argv[3] ?? 20);

async function stallRun(stallMs: number) {
  const server = await startBenchServer();
  try {
    const scenario = parseScenario({
      name: 'stall',
      executor: { executor: 'constant-arrival-rate', rate, duration: `${seconds}s`, preAllocatedVUs: 100, maxVUs: Math.ceil(rate * (stallMs / 1000 + 2)), gracefulStop: '10s' },
      flows: [{ name: 'f', steps: [{ name: 'get', path: '/' }] }],
      connections: 64,
    });
    let stall = { from: 0, to: 0 };
    const run = runLoad({ scenario, baseUrl: server.url });
    await new Promise((r) => setTimeout(r, 5_000));
    server.child.kill('SIGSTOP');
    stall.from = performance.now();
    await new Promise((r) => setTimeout(r, stallMs));
    server.child.kill('SIGCONT');
    stall.to = performance.now();
    const result = await run;
    const at = (method: 'p(50)' | 'p(90)' | 'p(99)' | 'p(99.9)' | 'max' | 'avg') => result.registry.aggregate({ name: 'http_req_duration', tags: {} }, method) ?? NaN;
    const s = (stall.to - stall.from) / 1000;
    const base = at('p(50)') / 1000;
    const truth = (q: number) => Math.max(base, s - (1 - q) * seconds) * 1000;
    const row = (name: string, measured: number, expected: number) => `  ${name.padEnd(6)} ${fmt(measured, 2).padStart(9)} ms   truth ${fmt(expected, 2).padStart(9)} ms   ${fmt(((measured - expected) / expected) * 100, 1).padStart(6)}%`;
    return [
      `stall S = ${fmt(s * 1000, 0)} ms in T = ${seconds} s at ${rate}/s: ${result.totals.started} sent, ${result.totals.dropped} dropped, send lag p99 ${fmt(result.health.sendLagMs?.p99 ?? NaN, 2)} ms`,
      `  p50    ${fmt(at('p(50)'), 3).padStart(9)} ms   p90 ${fmt(at('p(90)'), 3)} ms`,
      row('p99', at('p(99)'), truth(0.99)),
      row('p99.9', at('p(99.9)'), truth(0.999)),
      row('max', at('max'), s * 1000),
      row('mean', at('avg'), (base + (s * s) / (2 * seconds)) * 1000),
    ].join('\n');
  } finally {
    await server.stop();
  }
}

process.stdout.write(`${await stallRun(1_000)}\n`);
process.stdout.write(`${await stallRun(100)}\n  (S/T < 1%: p99 must stay near the base latency, not S − (1−q)·T)\n`);
