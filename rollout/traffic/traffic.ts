import { randomUUID } from 'node:crypto';
import { Agent, request } from 'undici';
import type { PlayerSession } from './players.ts';

export type Route = 'spin' | 'wallet' | 'version';

export interface TrafficSample {
  /** Intended send time, ms since the traffic started. */
  t: number;
  route: Route;
  write: boolean;
  /** The pool that answered (`x-greenlight-pool`), null when nothing answered. */
  pool: string | null;
  /** The pool the request was pinned to, if any. */
  pinned?: string;
  /** HTTP status; 0 when the request failed without an answer. */
  status: number;
  /** From the intended send time, so a stalled server shows in full. */
  latencyMs: number;
  retryAfter?: string;
  turbo?: boolean;
  error?: string;
}

export interface TrafficOptions {
  baseUrl: string;
  players: readonly PlayerSession[];
  ratePerSecond: number;
  /** Hard cap: the traffic stops by itself after this long. */
  maxDurationMs: number;
  /** Arrivals beyond this many requests in flight are counted as dropped, not sent. */
  maxInFlight?: number;
  requestTimeoutMs?: number;
  /** Share of spins; the rest reads the wallet. */
  spinShare?: number;
  /** Pins every n-th request to a pool (e.g. a baseline control stream while players all go to the candidate). */
  pin?: () => string | undefined;
}

export interface TrafficRun {
  samples: TrafficSample[];
  dropped: number;
  /** Resolves once every request sent has answered or failed. */
  stop: () => Promise<void>;
  readonly stopped: boolean;
  /** ms since the traffic started, on the clock of `TrafficSample.t`. */
  now(): number;
  /** Resolves when every request meant to be sent before `tMs` has its sample. */
  settled(tMs: number): Promise<void>;
}

function isLoopback(url: string): boolean {
  return ['127.0.0.1', 'localhost', '[::1]'].includes(new URL(url).hostname);
}

/** Open-model background traffic on loopback: bounded in rate, in-flight requests and time; stops by itself. */
export function startTraffic(options: TrafficOptions): TrafficRun {
  if (!isLoopback(options.baseUrl)) throw new Error(`rollout traffic only goes to loopback, not ${options.baseUrl}`);
  if (options.players.length === 0) throw new Error('rollout traffic needs at least one player session');
  const agent = new Agent({ connections: options.maxInFlight ?? 64, keepAliveTimeout: 5_000 });
  const intervalMs = 1000 / options.ratePerSecond;
  const maxInFlight = options.maxInFlight ?? 64;
  const timeoutMs = options.requestTimeoutMs ?? 5_000;
  const spinShare = options.spinShare ?? 0.8;
  const started = performance.now();
  const inFlight = new Map<Promise<void>, number>();
  const run: TrafficRun = { samples: [], dropped: 0, stopped: false, stop,
    now: () => performance.now() - started,
    settled: async (tMs) => void (await Promise.allSettled([...inFlight].filter(([, t]) => t < tMs).map(([p]) => p))),
  };
  let stopping: Promise<void> | undefined;
  let sent = 0;
  let timer: NodeJS.Timeout | undefined;

  async function send(index: number, intendedAt: number): Promise<void> {
    const player = options.players[index % options.players.length]!;
    const route: Route = ((index * 0.618_033_988_75) % 1) < spinShare ? 'spin' : 'wallet';
    const headers: Record<string, string> = { authorization: `Bearer ${player.token}` };
    const pin = options.pin?.();
    const sample: TrafficSample = { t: intendedAt - started, route, write: route === 'spin', pool: null, status: 0, latencyMs: 0 };
    if (pin) {
      headers['x-greenlight-pool'] = pin;
      sample.pinned = pin;
    }
    try {
      const spin = route === 'spin';
      if (spin) Object.assign(headers, { 'content-type': 'application/json', 'idempotency-key': randomUUID() });
      const response = await request(new URL(spin ? '/games/slot/spin' : '/wallet', options.baseUrl), {
        method: spin ? 'POST' : 'GET',
        dispatcher: agent,
        headers,
        body: spin ? '{"bet":1}' : undefined,
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
      });
      const text = await response.body.text();
      sample.status = response.statusCode;
      sample.pool = (response.headers['x-greenlight-pool'] as string | undefined) ?? null;
      const retryAfter = response.headers['retry-after'];
      if (typeof retryAfter === 'string') sample.retryAfter = retryAfter;
      if (spin && response.statusCode === 200) sample.turbo = (JSON.parse(text) as { turbo?: unknown }).turbo === true;
    } catch (error) {
      sample.error = error instanceof Error ? error.message : String(error);
    }
    sample.latencyMs = performance.now() - intendedAt;
    run.samples.push(sample);
  }

  function tick(): void {
    if (run.stopped) return;
    const now = performance.now();
    if (now - started >= options.maxDurationMs) {
      void stop();
      return;
    }
    while (started + sent * intervalMs <= now) {
      const intendedAt = started + sent * intervalMs;
      const index = sent++;
      if (inFlight.size >= maxInFlight) {
        run.dropped++;
        continue;
      }
      const pending = send(index, intendedAt).finally(() => inFlight.delete(pending));
      inFlight.set(pending, intendedAt - started);
    }
    timer = setTimeout(tick, Math.max(1, started + sent * intervalMs - performance.now()));
  }

  function stop(): Promise<void> {
    (run as { stopped: boolean }).stopped = true;
    if (timer) clearTimeout(timer);
    stopping ??= Promise.allSettled([...inFlight.keys()]).then(() => agent.close());
    return stopping;
  }

  tick();
  return run;
}

/** Samples whose intended send time falls in [fromMs, toMs). */
export function samplesBetween(samples: readonly TrafficSample[], fromMs: number, toMs: number): TrafficSample[] {
  return samples.filter((s) => s.t >= fromMs && s.t < toMs);
}
