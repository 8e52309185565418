import { faker } from '@faker-js/faker';
import type { ReasonCode } from '../core/check.ts';
import { errorMessage } from '../core/errors.ts';
import { createSmokeHttp, StepProblem, type SmokeHttp } from './api-client.ts';

export const API_STEPS = [
  { id: 'register', title: 'register a new player' },
  { id: 'login', title: 'log in' },
  { id: 'balance', title: 'see the balance' },
  { id: 'deposit-card', title: 'deposit with a sandbox card' },
  { id: 'spin', title: 'spin and get the new balance' },
  { id: 'deposit-3ds', title: 'deposit with a 3-D Secure challenge' },
  { id: 'withdraw', title: 'withdraw and see the payout paid' },
] as const;

export type ApiStepId = (typeof API_STEPS)[number]['id'];

export interface ApiStepResult {
  step: ApiStepId;
  title: string;
  status: 'pass' | 'fail' | 'inconclusive' | 'skipped';
  message: string;
  reason?: ReasonCode;
  httpStatus?: number;
  durationMs: number;
}

export interface ApiJourneyOptions {
  fetch: typeof globalThis.fetch;
  baseUrl: string;
  pool?: string;
  requestTimeoutMs: number;
  /** How long a webhook credit or a payout may take. */
  settleMs: number;
  signal: AbortSignal;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Only these steps, in journey order (default: all). */
  steps?: readonly ApiStepId[];
}

const CARD_OK = '4242 4242 4242 4242';
const CARD_3DS = '4000 0000 0000 3220';

interface Journey {
  http: SmokeHttp;
  options: ApiJourneyOptions;
  username: string;
  password: string;
  token?: string;
  balance?: number;
}

/**
 * The player journey over the API, step by step; each money move is proven by the wallet balance.
 * The first step that does not pass stops the journey: later steps are reported as skipped, naming it.
 */
export async function runApiJourney(options: ApiJourneyOptions): Promise<ApiStepResult[]> {
  const journey: Journey = {
    http: createSmokeHttp(options),
    options,
    username: `smoke_${faker.internet.username().replace(/[^a-zA-Z0-9._-]/g, '').slice(0, 24)}_${faker.string.alphanumeric(6)}`,
    password: faker.internet.password({ length: 20 }),
  };
  const results: ApiStepResult[] = [];
  let blockedBy: ApiStepResult | undefined;
  for (const step of API_STEPS.filter((s) => !options.steps || options.steps.includes(s.id))) {
    if (blockedBy) {
      results.push({ step: step.id, title: step.title, status: 'skipped', message: `not run: ${blockedBy.step} did not pass`, durationMs: 0 });
      continue;
    }
    const started = performance.now();
    try {
      const message = await STEP_BODIES[step.id](journey);
      results.push({ step: step.id, title: step.title, status: 'pass', message, durationMs: Math.round(performance.now() - started) });
    } catch (error) {
      const problem = error instanceof StepProblem ? error : new StepProblem('inconclusive', 'harness_error', `the step broke in the harness: ${errorMessage(error)}`);
      blockedBy = {
        step: step.id, title: step.title, status: problem.verdict, message: `${step.id}: ${problem.message}`,
        reason: problem.reason, httpStatus: problem.httpStatus, durationMs: Math.round(performance.now() - started),
      };
      results.push(blockedBy);
    }
  }
  return results;
}

const STEP_BODIES: Record<ApiStepId, (j: Journey) => Promise<string>> = {
  async register(j) {
    const answer = await j.http('POST', '/auth/register', { body: { username: j.username, password: j.password }, expect: [201] });
    requireField(answer.body, 'playerId', 'POST /auth/register');
    return `registered ${j.username}`;
  },
  async login(j) {
    const answer = await j.http('POST', '/auth/login', { body: { username: j.username, password: j.password }, expect: [200] });
    j.token = requireField(answer.body, 'token', 'POST /auth/login') as string;
    return 'logged in with a session token';
  },
  async balance(j) {
    j.balance = await walletBalance(j);
    return `balance ${cents(j.balance)}`;
  },
  async 'deposit-card'(j) {
    const amount = faker.number.int({ min: 20, max: 50 }) * 100;
    const answer = await j.http('POST', '/wallet/deposits', { token: j.token, idempotent: true, body: { amount, card: CARD_OK }, expect: [201] });
    if (answer.body.status !== 'succeeded') throw wrong(`POST /wallet/deposits with ${CARD_OK} answered status ${String(answer.body.status)}, expected succeeded`);
    await expectBalance(j, balanceOf(j) + amount, `after depositing ${cents(amount)}`);
    return `deposited ${cents(amount)}, balance ${cents(balanceOf(j))}`;
  },
  async spin(j) {
    const before = balanceOf(j);
    const bet = 100;
    const answer = await j.http('POST', '/games/slot/spin', { token: j.token, idempotent: true, body: { bet }, expect: [200, 201] });
    const win = numberField(answer.body, 'win', 'POST /games/slot/spin');
    const reported = numberField(answer.body, 'balance', 'POST /games/slot/spin');
    const expected = before - bet + win;
    if (reported !== expected) throw wrong(`POST /games/slot/spin reported balance ${cents(reported)}, expected ${cents(expected)} (before ${cents(before)} − bet ${cents(bet)} + win ${cents(win)})`);
    await expectBalance(j, expected, 'after the spin');
    return `bet ${cents(bet)}, won ${cents(win)}, balance ${cents(expected)}`;
  },
  async 'deposit-3ds'(j) {
    const amount = 1000;
    const created = await j.http('POST', '/wallet/deposits', { token: j.token, idempotent: true, body: { amount, card: CARD_3DS }, expect: [201] });
    if (created.body.status !== 'requires_action') throw wrong(`POST /wallet/deposits with ${CARD_3DS} answered status ${String(created.body.status)}, expected requires_action`);
    const id = requireField(created.body, 'id', 'POST /wallet/deposits') as string;
    const approved = await j.http('POST', `/wallet/deposits/${id}/challenge`, { token: j.token, idempotent: true, body: { result: 'approve' }, expect: [200, 201] });
    if (approved.body.status === 'declined' || approved.body.status === 'error') throw wrong(`the approved 3-D Secure challenge ended ${String(approved.body.status)}`);
    await expectBalance(j, balanceOf(j) + amount, `after the approved 3-D Secure deposit of ${cents(amount)}`);
    return `3-D Secure deposit of ${cents(amount)} credited, balance ${cents(balanceOf(j))}`;
  },
  async withdraw(j) {
    const amount = 500;
    const target = balanceOf(j) - amount;
    const created = await j.http('POST', '/wallet/withdrawals', { token: j.token, idempotent: true, body: { amount }, expect: [201] });
    const id = requireField(created.body, 'id', 'POST /wallet/withdrawals') as string;
    const status = await waitFor(j, async () => {
      const w = await j.http('GET', `/wallet/withdrawals/${id}`, { token: j.token, expect: [200] });
      return w.body.status === 'paid' || w.body.status === 'failed' ? `${String(w.body.status)}${w.body.failureCode ? ` (${String(w.body.failureCode)})` : ''}` : undefined;
    }, `withdrawal ${id} not paid`);
    if (status !== 'paid') throw wrong(`the withdrawal ended ${status}, expected paid`);
    await expectBalance(j, target, `after withdrawing ${cents(amount)}`);
    return `withdrew ${cents(amount)}: payout paid, balance ${cents(target)}`;
  },
};

async function walletBalance(j: Journey): Promise<number> {
  const answer = await j.http('GET', '/wallet', { token: j.token, expect: [200] });
  return numberField(answer.body, 'balance', 'GET /wallet');
}

/** Money settles asynchronously (webhooks, payouts): poll the wallet until it shows the amount or the deadline passes. */
async function expectBalance(j: Journey, expected: number, when: string): Promise<void> {
  let last = NaN;
  try {
    await waitFor(j, async () => {
      last = await walletBalance(j);
      return last === expected ? true : undefined;
    }, 'balance not settled');
  } catch (error) {
    if (!(error instanceof StepProblem) || error.reason !== 'timeout' || Number.isNaN(last)) throw error;
    throw wrong(`GET /wallet shows ${cents(last)} ${when}, expected ${cents(expected)} (waited ${j.options.settleMs} ms)`);
  }
  j.balance = expected;
}

async function waitFor<T>(j: Journey, probe: () => Promise<T | undefined>, what: string): Promise<T> {
  const sleep = j.options.sleep ?? ((ms: number, signal?: AbortSignal) => new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => { clearTimeout(timer); resolve(); }, { once: true });
  }));
  const deadline = performance.now() + j.options.settleMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (j.options.signal.aborted) throw new StepProblem('inconclusive', 'interrupted', `${what}: interrupted`);
    if (performance.now() >= deadline) throw new StepProblem('fail', 'timeout', `${what} after ${j.options.settleMs} ms`);
    await sleep(100, j.options.signal);
  }
}

function balanceOf(j: Journey): number {
  if (j.balance === undefined) throw new StepProblem('inconclusive', 'harness_error', 'the balance is unknown (an earlier step did not record it)');
  return j.balance;
}

function requireField(body: Record<string, unknown>, field: string, what: string): unknown {
  const value = body[field];
  if (value === undefined || value === null || value === '') throw wrong(`${what} answered without "${field}"`);
  return value;
}

function numberField(body: Record<string, unknown>, field: string, what: string): number {
  const value = body[field];
  if (typeof value !== 'number' || !Number.isFinite(value)) throw wrong(`${what} answered "${field}" = ${JSON.stringify(value)}, expected a number of cents`);
  return value;
}

const wrong = (message: string) => new StepProblem('fail', 'threshold_breached', message);
const cents = (value: number) => `${(value / 100).toFixed(2)} EUR`;
