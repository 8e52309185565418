import { randomUUID } from 'node:crypto';

export interface PlayerOptions {
  fetch: typeof globalThis.fetch;
  edgeUrl: string;
  pool?: string;
  signal: AbortSignal;
  requestTimeoutMs?: number;
}

export interface Answer {
  status: number;
  body: Record<string, unknown>;
  ms: number;
}

/** A status for "no answer": the request failed or timed out before the platform answered. */
export const NO_ANSWER = 0;

/** A probe's own player on the platform, talking to the edge like a real one. */
export class ProbePlayer {
  private readonly options: PlayerOptions;
  private token = '';
  readonly username = `chaos-${randomUUID().slice(0, 12)}`;

  constructor(options: PlayerOptions) {
    this.options = options;
  }

  /** Sends one request; a network error or timeout gives status 0 (never throws for those). */
  async call(method: string, path: string, body?: unknown, idempotent = false): Promise<Answer> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    if (idempotent) headers['idempotency-key'] = randomUUID();
    if (this.options.pool) headers['x-greenlight-pool'] = this.options.pool;
    const started = performance.now();
    try {
      const response = await this.options.fetch(new URL(path, this.options.edgeUrl), {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.any([this.options.signal, AbortSignal.timeout(this.options.requestTimeoutMs ?? 10_000)]),
      });
      const text = await response.text();
      return { status: response.status, body: parseObject(text), ms: performance.now() - started };
    } catch {
      if (this.options.signal.aborted) throw this.options.signal.reason;
      return { status: NO_ANSWER, body: {}, ms: performance.now() - started };
    }
  }

  private async expect(method: string, path: string, body: unknown, statuses: number[], idempotent = false): Promise<Answer> {
    const answer = await this.call(method, path, body, idempotent);
    if (!statuses.includes(answer.status)) throw new Error(`probe player: ${method} ${path} answered ${answer.status || 'nothing'}, expected ${statuses.join(' or ')}`);
    return answer;
  }

  /** Registers, logs in and deposits `depositCents` with the always-succeeding card. */
  async signUp(depositCents: number): Promise<void> {
    const password = 'chaos-password-1';
    await this.expect('POST', '/auth/register', { username: this.username, password }, [201]);
    const login = await this.expect('POST', '/auth/login', { username: this.username, password }, [200]);
    this.token = String(login.body.token ?? '');
    if (!this.token) throw new Error('probe player: login answered without a token');
    if (depositCents > 0) await this.expect('POST', '/wallet/deposits', { amount: depositCents, card: '4242 4242 4242 4242' }, [201], true);
  }

  async balance(): Promise<number> {
    const answer = await this.expect('GET', '/wallet', undefined, [200]);
    const balance = answer.body.balance;
    if (typeof balance !== 'number') throw new Error('probe player: GET /wallet answered without a balance');
    return balance;
  }

  spin(bet = 10): Promise<Answer> {
    return this.call('POST', '/games/slot/spin', { bet }, true);
  }

  /** A 3-D Secure deposit, approved: the psp confirms it by webhook. Returns the deposit id. */
  async depositBy3ds(amount: number): Promise<string> {
    const created = await this.expect('POST', '/wallet/deposits', { amount, card: '4000 0000 0000 3220' }, [201], true);
    const id = String(created.body.id ?? '');
    if (created.body.status !== 'requires_action' || !id) throw new Error(`probe player: 3-D Secure deposit answered status ${String(created.body.status)}`);
    await this.expect('POST', `/wallet/deposits/${id}/challenge`, { result: 'approve' }, [200, 201, 202], true);
    return id;
  }

  async depositStatus(id: string): Promise<string> {
    const answer = await this.call('GET', `/wallet/deposits/${id}`);
    return answer.status === 200 ? String(answer.body.status) : `unknown (${answer.status || 'no answer'})`;
  }
}

function parseObject(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
