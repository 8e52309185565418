import { errorMessage } from '../../core/errors.ts';

export interface ProbeSample {
  target?: string;
  url: string;
  status?: number;
  durationMs: number;
  ok?: boolean;
  error?: string;
}

/** One request: the status and the time to response headers, or why there was no answer. */
export async function probeTarget(options: {
  fetch: typeof globalThis.fetch;
  url: string;
  method: string;
  timeoutMs: number;
  signal: AbortSignal;
}): Promise<ProbeSample> {
  const started = performance.now();
  const signal = AbortSignal.any([options.signal, AbortSignal.timeout(options.timeoutMs)]);
  try {
    const response = await options.fetch(options.url, { method: options.method, signal, redirect: 'manual' });
    const durationMs = performance.now() - started;
    await response.arrayBuffer().catch(() => undefined);
    return { url: options.url, status: response.status, durationMs };
  } catch (error) {
    const timedOut = signal.aborted && !options.signal.aborted;
    return { url: options.url, durationMs: performance.now() - started, error: timedOut ? `no answer after ${options.timeoutMs} ms` : errorMessage(error) };
  }
}
