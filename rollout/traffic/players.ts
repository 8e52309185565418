import { randomUUID } from 'node:crypto';
import { request, type Dispatcher } from 'undici';

export interface PlayerSession {
  username: string;
  token: string;
}

async function postJson(dispatcher: Dispatcher, baseUrl: string, path: string, body: unknown, headers: Record<string, string> = {}): Promise<Record<string, unknown>> {
  const response = await request(new URL(path, baseUrl), {
    method: 'POST',
    dispatcher,
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
    headersTimeout: 10_000,
    bodyTimeout: 10_000,
  });
  const text = await response.body.text();
  if (response.statusCode >= 300) throw new Error(`POST ${path} answered ${response.statusCode}: ${text.slice(0, 200)}`);
  return JSON.parse(text) as Record<string, unknown>;
}

/** Registers `count` players, logs each in and funds them with the sandbox card that always succeeds. */
export async function createFundedPlayers(dispatcher: Dispatcher, baseUrl: string, count: number, depositCents = 50_000): Promise<PlayerSession[]> {
  const tag = randomUUID().slice(0, 8);
  return Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const username = `rollout-${tag}-${i}`;
      const password = `rollout-password-${tag}`;
      await postJson(dispatcher, baseUrl, '/auth/register', { username, password });
      const { token } = (await postJson(dispatcher, baseUrl, '/auth/login', { username, password })) as { token: string };
      const auth = { authorization: `Bearer ${token}`, 'idempotency-key': randomUUID() };
      await postJson(dispatcher, baseUrl, '/wallet/deposits', { amount: depositCents, card: '4242 4242 4242 4242' }, auth);
      return { username, token };
    }),
  );
}
