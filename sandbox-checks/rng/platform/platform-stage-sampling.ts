import { PlayerSession, type ClientOptions } from '../../payments/clients.ts';
import { sampleRngService } from '../index.ts';

/** Largest `count` the rng service accepts per `GET /random`. */
export const MAX_RANDOM_COUNT = 100_000;
const TEST_CARD = '4242 4242 4242 4242';
const MAX_DEPOSIT = 1_000_000;

/**
 * The control the rng stage uses for restart independence, from `env.controls['process-faults']`: restarts one
 * instance (ids as the rng service's `GET /info` names them, e.g. `rng-1`) and resolves once the restart was
 * requested; the stage then waits for `/healthz` itself.
 */
export interface RestartControl {
  restart(instanceId: string): Promise<void>;
}

export function isRestartControl(value: unknown): value is RestartControl {
  return typeof value === 'object' && value !== null && typeof (value as RestartControl).restart === 'function';
}

async function getJson(http: ClientOptions, url: URL): Promise<any> {
  const response = await http.fetch(url, { signal: AbortSignal.any([http.signal, AbortSignal.timeout(http.requestTimeoutMs)]) });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`${url.origin}${url.pathname} answered ${response.status}`);
  return JSON.parse(text);
}

/** Raw generator output of one instance (`GET /raw?bytes=n`), fail-closed on short or wrong answers. */
export function sampleRaw(http: ClientOptions, instanceUrl: string, bytes: number): Promise<Uint8Array> {
  return sampleRngService({ fetch: http.fetch, url: new URL('/raw', instanceUrl).href, bytes, signal: http.signal });
}

/** Scaled outcomes (`GET /random?min&max&count`), in chunks; every value must be an integer in range. */
export async function sampleOutcomes(http: ClientOptions, instanceUrl: string, min: number, max: number, count: number): Promise<number[]> {
  const values: number[] = [];
  while (values.length < count) {
    const want = Math.min(MAX_RANDOM_COUNT, count - values.length);
    const url = new URL('/random', instanceUrl);
    url.search = new URLSearchParams({ min: String(min), max: String(max), count: String(want) }).toString();
    const body = await getJson(http, url);
    if (!Array.isArray(body?.values) || body.values.length !== want || !body.values.every(Number.isInteger)) {
      throw new Error(`rng service ${url.pathname} answered without ${want} integer values`);
    }
    values.push(...(body.values as number[]));
  }
  return values;
}

export async function instanceId(http: ClientOptions, instanceUrl: string): Promise<string> {
  const body = await getJson(http, new URL('/info', instanceUrl));
  if (typeof body?.instance !== 'string') throw new Error(`rng service ${instanceUrl}/info names no instance`);
  return body.instance;
}

export async function waitHealthy(http: ClientOptions, instanceUrl: string, timeoutMs: number, sleep: (ms: number) => Promise<void>): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const response = await http.fetch(new URL('/healthz', instanceUrl), { signal: AbortSignal.timeout(1000) });
      await response.arrayBuffer();
      if (response.status === 200) return;
    } catch {
      // Still restarting.
    }
    if (Date.now() > deadline) throw new Error(`rng instance ${instanceUrl} not healthy after ${timeoutMs} ms`);
    await sleep(100);
  }
}

export interface GameDescription {
  strip: string[];
  declaredRtp: number;
  maxBet: number;
}

export async function describeGame(http: ClientOptions): Promise<GameDescription> {
  const body = await getJson(http, new URL('/games/slot', http.baseUrl));
  if (!Array.isArray(body?.strip) || typeof body.declaredRtp !== 'number') throw new Error('GET /games/slot answered without strip and declaredRtp');
  return { strip: body.strip, declaredRtp: body.declaredRtp, maxBet: Number(body.maxBet ?? Number.MAX_SAFE_INTEGER) };
}

export interface PlayedSpins {
  /** Payout per unit stake, one per spin. */
  multipliers: number[];
  /** Every reel stop of every spin, in order. */
  stops: number[];
}

/** Registers a player, funds it with the sandbox's good card, and plays `spins` spins with `concurrency` workers. */
export async function playSpins(http: ClientOptions, options: { spins: number; bet: number; concurrency: number; reels: number }): Promise<PlayedSpins> {
  const player = await PlayerSession.register(http, 'rng-rtp');
  let funded = 0;
  while (funded < options.spins * options.bet) {
    const amount = Math.min(MAX_DEPOSIT, Math.max(100, options.spins * options.bet - funded));
    const deposit = await player.move('/wallet/deposits', { amount, card: TEST_CARD });
    if (deposit.status !== 201 || deposit.body?.status !== 'succeeded') throw new Error(`funding the RTP player: deposit answered ${deposit.status} ${String(deposit.body?.status)}`);
    funded += amount;
  }
  const multipliers: number[] = [];
  const stops: number[] = [];
  let next = 0;
  const worker = async () => {
    while (next < options.spins) {
      next++;
      const answer = await player.move('/games/slot/spin', { bet: options.bet });
      const body = answer.body;
      if (answer.status !== 200) throw new Error(`POST /games/slot/spin answered ${answer.status}`);
      const valid = Array.isArray(body?.stops) && body.stops.length === options.reels && body.stops.every(Number.isInteger) && typeof body.win === 'number';
      if (!valid) throw new Error('POST /games/slot/spin answered without stops and win');
      multipliers.push(body.win / options.bet);
      stops.push(...(body.stops as number[]));
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  return { multipliers, stops };
}
