import { Agent } from 'undici';
import { mannWhitney } from '../stats/mann-whitney.ts';
import { startTestEnvironment } from '../testing/context.ts';
import { createFundedPlayers } from '../traffic/players.ts';
import { startTraffic } from '../traffic/traffic.ts';
import type { RoutingControls } from '../../staging/local/controls.ts';
const t0 = performance.now();
const te = await startTestEnvironment('measure', { defects: process.argv[3] === 'none' ? {} : { green: ['slow-spin'] } });
console.log('up', Math.round(performance.now() - t0));
try {
  const agent = new Agent();
  const players = await createFundedPlayers(agent, te.env.urls.edge, Number(process.argv[4] ?? 10));
  await agent.close();
  console.log('players', Math.round(performance.now() - t0));
  await (te.env.controls['routing-weights'] as RoutingControls).setWeights({ blue: 50, green: 50, canary: 0 });
  const run = startTraffic({ baseUrl: te.env.urls.edge, players, ratePerSecond: Number(process.argv[2] ?? 60), maxDurationMs: 12000 });
  await new Promise((r) => setTimeout(r, 12000));
  await run.stop();
  run.samples.splice(0, run.samples.length, ...run.samples.filter((s) => s.t > 2000));
  for (const pool of ['blue', 'green']) {
    const l = run.samples.filter((s) => s.pool === pool && s.route === 'spin').map((s) => s.latencyMs).sort((a, b) => a - b);
    const q = (p: number) => l[Math.floor(p * (l.length - 1))]!.toFixed(2);
    console.log(pool, l.length, 'p50', q(0.5), 'p95', q(0.95), 'p99', q(0.99), 'mean', (l.reduce((a, b) => a + b, 0) / l.length).toFixed(2));
  }
  const lat = (pool: string) => run.samples.filter((s) => s.pool === pool && s.route === 'spin').map((s) => s.latencyMs);
  const mw = mannWhitney(lat('blue'), lat('green'), { confidence: 0.99 });
  const med = [...lat('blue')].sort((a, b) => a - b)[lat('blue').length >> 1]!;
  console.log('p', mw.pValue.toExponential(2), 'HL', mw.estimate.toFixed(2), 'ci', mw.ci.map((x) => x.toFixed(2)), 'rel', (mw.estimate / med).toFixed(3));
  console.log('errors', run.samples.filter((s) => s.status !== 200).length, 'dropped', run.dropped);
} finally {
  await te.close();
}
