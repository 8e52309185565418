import { randomBytes, randomUUID } from 'node:crypto';

export interface HttpAnswer {
  status: number;
  headers: Headers;
  body: any;
}

export interface ClientOptions {
  fetch: typeof globalThis.fetch;
  baseUrl: string;
  signal: AbortSignal;
  requestTimeoutMs: number;
}

async function send(options: ClientOptions, method: string, path: string, init: { body?: string; headers?: Record<string, string>; timeoutMs?: number }): Promise<HttpAnswer> {
  const timeout = AbortSignal.timeout(init.timeoutMs ?? options.requestTimeoutMs);
  const response = await options.fetch(new URL(path, options.baseUrl), {
    method,
    headers: { 'content-type': 'application/json', ...init.headers },
    ...(init.body !== undefined ? { body: init.body } : {}),
    signal: AbortSignal.any([options.signal, timeout]),
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // Not JSON: keep the text for the message.
  }
  return { status: response.status, headers: response.headers, body };
}

/** A throwaway player registered through the edge, so every scenario starts from a zero balance. */
export class PlayerSession {
  private token = '';
  readonly username: string;
  readonly options: ClientOptions;

  private constructor(options: ClientOptions, username: string) {
    this.options = options;
    this.username = username;
  }

  static async register(options: ClientOptions, label: string): Promise<PlayerSession> {
    const session = new PlayerSession(options, `gl-${label}-${randomBytes(5).toString('hex')}`.slice(0, 60));
    const password = randomBytes(18).toString('base64url');
    const registered = await send(options, 'POST', '/auth/register', { body: JSON.stringify({ username: session.username, password }) });
    if (registered.status !== 201) throw new Error(`registering a test player answered ${registered.status}`);
    const login = await send(options, 'POST', '/auth/login', { body: JSON.stringify({ username: session.username, password }) });
    if (login.status !== 200 || typeof login.body?.token !== 'string') throw new Error(`logging in the test player answered ${login.status}`);
    session.token = login.body.token;
    return session;
  }

  call(method: string, path: string, body?: unknown, extra: { headers?: Record<string, string>; timeoutMs?: number } = {}): Promise<HttpAnswer> {
    return send(this.options, method, path, {
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      headers: { authorization: `Bearer ${this.token}`, ...extra.headers },
      ...(extra.timeoutMs ? { timeoutMs: extra.timeoutMs } : {}),
    });
  }

  /** A money-moving call with an Idempotency-Key (fresh unless given). */
  move(path: string, body: unknown, key: string = randomUUID(), timeoutMs?: number): Promise<HttpAnswer> {
    return this.call('POST', path, body, { headers: { 'idempotency-key': key }, ...(timeoutMs ? { timeoutMs } : {}) });
  }

  async wallet(): Promise<{ balance: number; held: number; playerId: string }> {
    const answer = await this.call('GET', '/wallet');
    if (answer.status !== 200 || typeof answer.body?.balance !== 'number') throw new Error(`GET /wallet answered ${answer.status}`);
    return { balance: answer.body.balance, held: answer.body.held ?? 0, playerId: String(answer.body.playerId) };
  }
}

export interface PspPayment {
  id: string;
  status: string;
  amount: number;
  declineCode?: string;
  metadata: Record<string, string>;
  [key: string]: unknown;
}
export interface PspPayout {
  id: string;
  status: string;
  amount: number;
  failureCode?: string;
  metadata: Record<string, string>;
  [key: string]: unknown;
}
export interface PspDelivery {
  eventId: string;
  type: string;
  objectId: string;
  delivered: number;
  attempts: number;
  lastStatus?: number | string;
}
export interface PspLedger {
  payments: PspPayment[];
  payouts: PspPayout[];
  webhooks: PspDelivery[];
}

/** The provider sandbox's own books (`GET /ledger`), the other side of reconciliation. */
export async function fetchPspLedger(options: ClientOptions, apiKey: string): Promise<PspLedger> {
  const answer = await send(options, 'GET', '/ledger', { headers: { authorization: `Bearer ${apiKey}` } });
  if (answer.status !== 200) throw new Error(`psp GET /ledger answered ${answer.status}`);
  const body = answer.body as Partial<PspLedger> | undefined;
  if (!Array.isArray(body?.payments) || !Array.isArray(body.payouts) || !Array.isArray(body.webhooks)) {
    throw new Error('psp GET /ledger answered without payments, payouts and webhooks arrays');
  }
  return { payments: body.payments, payouts: body.payouts, webhooks: body.webhooks };
}

/** POSTs a raw webhook body to the platform with the given signature header (or none). */
export function postWebhook(options: ClientOptions, rawBody: string, signature: string | undefined): Promise<HttpAnswer> {
  return send(options, 'POST', '/webhooks/psp', { body: rawBody, headers: signature ? { 'psp-signature': signature } : {} });
}
