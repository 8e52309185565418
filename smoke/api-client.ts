import { randomUUID } from 'node:crypto';
import { errorMessage } from '../core/errors.ts';
import type { ReasonCode } from '../core/check.ts';

/** Why a journey step did not pass: `fail` when the platform answered wrongly, `inconclusive` when it could not be asked. */
export class StepProblem extends Error {
  readonly verdict: 'fail' | 'inconclusive';
  readonly reason: ReasonCode;
  readonly httpStatus?: number;

  constructor(verdict: 'fail' | 'inconclusive', reason: ReasonCode, message: string, httpStatus?: number) {
    super(message);
    this.name = 'StepProblem';
    this.verdict = verdict;
    this.reason = reason;
    this.httpStatus = httpStatus;
  }
}

export interface Answer {
  status: number;
  body: Record<string, unknown>;
}

export interface SmokeHttpOptions {
  fetch: typeof globalThis.fetch;
  baseUrl: string;
  pool?: string;
  requestTimeoutMs: number;
  signal: AbortSignal;
}

export interface CallOptions {
  body?: unknown;
  token?: string;
  /** Sends a fresh `Idempotency-Key`, as every money-moving call must. */
  idempotent?: boolean;
  /** Statuses that count as a correct answer. */
  expect: number[];
}

/** A JSON client that turns every wrong or missing answer into a StepProblem naming the request. */
export function createSmokeHttp(options: SmokeHttpOptions) {
  return async function call(method: string, path: string, call: CallOptions): Promise<Answer> {
    const what = `${method} ${path.replace(/\/[0-9a-f-]{8,}(?=\/|$)/gi, '/:id')}`;
    const headers: Record<string, string> = { accept: 'application/json' };
    if (call.body !== undefined) headers['content-type'] = 'application/json';
    if (call.token) headers.authorization = `Bearer ${call.token}`;
    if (call.idempotent) headers['idempotency-key'] = randomUUID();
    if (options.pool) headers['x-greenlight-pool'] = options.pool;
    const timeout = AbortSignal.timeout(options.requestTimeoutMs);
    let response: Response;
    try {
      response = await options.fetch(new URL(path, options.baseUrl), {
        method,
        headers,
        body: call.body === undefined ? undefined : JSON.stringify(call.body),
        signal: AbortSignal.any([options.signal, timeout]),
      });
    } catch (error) {
      if (options.signal.aborted) throw new StepProblem('inconclusive', 'interrupted', `${what} was interrupted`);
      if (timeout.aborted) throw new StepProblem('fail', 'timeout', `${what} not answered after ${options.requestTimeoutMs} ms`);
      throw new StepProblem('inconclusive', 'provider_error', `${what} could not be sent: ${causeOf(error)}`);
    }
    const text = await response.text().catch(() => '');
    const body = parseObject(text);
    const servedBy = response.headers.get('x-greenlight-pool');
    if (options.pool && servedBy && servedBy !== options.pool) {
      throw new StepProblem('fail', 'threshold_breached', `${what} was answered by pool ${servedBy}, not the pinned pool ${options.pool}`, response.status);
    }
    if (!call.expect.includes(response.status)) {
      const detail = [body.error, body.message].filter((v) => typeof v === 'string').join(': ');
      throw new StepProblem('fail', 'threshold_breached', `${what} answered ${response.status}${detail ? ` (${detail})` : ''}, expected ${call.expect.join(' or ')}`, response.status);
    }
    return { status: response.status, body };
  };
}

export type SmokeHttp = ReturnType<typeof createSmokeHttp>;

function parseObject(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function causeOf(error: unknown): string {
  const cause = (error as { cause?: unknown }).cause;
  return cause ? errorMessage(cause) : errorMessage(error);
}
