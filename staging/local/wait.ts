import type { Clock } from '../../core/clock.ts';
import { systemClock } from '../../core/clock.ts';
import { errorMessage } from '../../core/errors.ts';

/** A readiness probe: true (or a value) when ready, false/undefined when not yet; throwing counts as "not yet". */
export type Probe<T> = () => Promise<T | false | undefined> | T | false | undefined;

export interface WaitOptions {
  timeoutMs: number;
  intervalMs?: number;
  /** The thing waited on, for the message: "<what> not <state> after <N> ms". */
  what: string;
  state?: string;
  clock?: Clock;
  signal?: AbortSignal;
}

export class WaitTimeoutError extends Error {
  constructor(what: string, state: string, timeoutMs: number, lastError?: string) {
    super(`${what} not ${state} after ${timeoutMs} ms${lastError ? ` (last error: ${lastError})` : ''}`);
    this.name = 'WaitTimeoutError';
  }
}

/** Polls `probe` until it yields a truthy value or the deadline passes; never turns a timeout into success. */
export async function waitFor<T>(probe: Probe<T>, options: WaitOptions): Promise<T> {
  const clock = options.clock ?? systemClock;
  const state = options.state ?? 'ready';
  const interval = options.intervalMs ?? 100;
  const deadline = clock.monotonic() + options.timeoutMs;
  let lastError: string | undefined;
  for (;;) {
    options.signal?.throwIfAborted();
    try {
      const value = await probe();
      if (value !== false && value !== undefined) return value;
    } catch (error) {
      lastError = errorMessage(error);
    }
    const left = deadline - clock.monotonic();
    if (left <= 0) throw new WaitTimeoutError(options.what, state, options.timeoutMs, lastError);
    await clock.sleep(Math.min(interval, left), options.signal);
  }
}

/** Races a promise against a deadline with the same message shape. */
export async function withDeadline<T>(promise: Promise<T>, options: { timeoutMs: number; what: string; state?: string }): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new WaitTimeoutError(options.what, options.state ?? 'ready', options.timeoutMs)), options.timeoutMs);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Fetches a URL and answers true on a 2xx status; any error or other status is "not yet". */
export function httpOk(url: string, fetchImpl: typeof fetch = fetch): Probe<true> {
  return async () => {
    const response = await fetchImpl(url, { signal: AbortSignal.timeout(1000) });
    await response.body?.cancel();
    if (!response.ok) throw new Error(`${url} answered ${response.status}`);
    return true;
  };
}
