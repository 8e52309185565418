import type { Clock } from '../../core/clock.ts';
import type { ReasonCode } from '../../core/check.ts';
import type { ClientOptions, PlayerSession } from './clients.ts';
import type { PaymentScenarioId, PaymentsStageConfig } from './config.ts';

/** One thing a scenario compared: judged later, in evaluate, by deep equality. */
export interface Expectation {
  label: string;
  expected: unknown;
  observed: unknown;
}

/** Why a scenario could not finish; never a pass. */
export interface ScenarioProblem {
  reason: Extract<ReasonCode, 'provider_error' | 'timeout' | 'capability_missing' | 'harness_error' | 'interrupted'>;
  message: string;
}

export interface ScenarioObservation {
  id: PaymentScenarioId | 'reconciliation';
  expectations: Expectation[];
  problem?: ScenarioProblem;
  /** JSON-safe facts for the report (ids, statuses); never secrets. */
  notes: Record<string, unknown>;
  durationMs: number;
}

export interface PaymentsTarget {
  api: ClientOptions;
  psp: ClientOptions & { apiKey: string };
  /** Absent when neither config nor environment gives it: the webhook scenarios are then inconclusive. */
  webhookSecret?: string;
  config: PaymentsStageConfig;
  clock: Clock;
  /** Every player a scenario registered, so reconciliation can cover them. */
  players: PlayerSession[];
}

/** A scenario records what it expected and saw; throwing ends it with a problem. */
export type Scenario = (target: PaymentsTarget, record: ScenarioRecorder) => Promise<void>;

export class ScenarioRecorder {
  readonly expectations: Expectation[] = [];
  readonly notes: Record<string, unknown> = {};

  expect(label: string, expected: unknown, observed: unknown): void {
    this.expectations.push({ label, expected, observed });
  }

  note(key: string, value: unknown): void {
    this.notes[key] = value;
  }
}

/** Thrown when a wait runs out: the scenario is inconclusive (timeout), not failed. */
export class SettleTimeoutError extends Error {
  constructor(what: string, ms: number) {
    super(`${what} not reached after ${ms} ms`);
    this.name = 'SettleTimeoutError';
  }
}

/** Thrown when the environment lacks what a scenario needs. */
export class CapabilityMissingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CapabilityMissingError';
  }
}

export function problemOf(error: unknown): ScenarioProblem {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof SettleTimeoutError) return { reason: 'timeout', message };
  if (error instanceof CapabilityMissingError) return { reason: 'capability_missing', message };
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) return { reason: 'timeout', message: `request timed out: ${message}` };
  if (error instanceof TypeError && message === 'fetch failed') return { reason: 'provider_error', message: `could not reach the platform: ${String(error.cause ?? message)}` };
  if (error instanceof TypeError || error instanceof RangeError) return { reason: 'harness_error', message };
  return { reason: 'provider_error', message };
}

export async function runScenario(id: ScenarioObservation['id'], scenario: Scenario, target: PaymentsTarget): Promise<ScenarioObservation> {
  const record = new ScenarioRecorder();
  const started = target.clock.monotonic();
  let problem: ScenarioProblem | undefined;
  try {
    await scenario(target, record);
  } catch (error) {
    problem = target.api.signal.aborted ? { reason: 'interrupted', message: 'the run was interrupted' } : problemOf(error);
  }
  return { id, expectations: record.expectations, ...(problem ? { problem } : {}), notes: record.notes, durationMs: Math.round(target.clock.monotonic() - started) };
}
