import { errorMessage } from '../../core/errors.ts';
import { defineStage } from '../../core/stage.ts';
import type { RunContext } from '../../core/run-context.ts';
import { PAYMENT_SCENARIOS, paymentsStageConfigSchema, type PaymentScenarioId, type PaymentsStageConfig } from './config.ts';
import { evaluatePayments } from './evaluate.ts';
import type { InvariantsObservation, PaymentsObservation } from './observation.ts';
import { readLedgerInvariants, reconcileWithProvider } from './reconcile.ts';
import { runScenario, type PaymentsTarget, type Scenario } from './scenario.ts';
import { depositDeclined, depositSuccess, insufficientFunds, threeDSecure } from './scenarios/deposits.ts';
import { idempotentRetry } from './scenarios/idempotency.ts';
import { webhookReplay, webhookSignatures } from './scenarios/webhooks.ts';
import { depositReliability, withdrawalIdempotentRetry } from './scenarios/reliability.ts';
import { withdrawalPaid, withdrawalReversed } from './scenarios/withdrawals.ts';

/**
 * What the stage reads from `env.controls['payment-sandbox']` when its config does not name the psp credentials
 * (the local provider gives exactly this). Both values are secrets.
 */
export interface PaymentSandboxControl {
  pspUrl?: string;
  apiKey?: string;
  webhookSecret?: string;
}

const SCENARIOS: Record<PaymentScenarioId, Scenario> = {
  'deposit-success': depositSuccess,
  'deposit-declined': depositDeclined,
  'insufficient-funds': insufficientFunds,
  'three-d-secure': threeDSecure,
  'idempotent-retry': idempotentRetry,
  'webhook-replay': webhookReplay,
  'webhook-signatures': webhookSignatures,
  'withdrawal-paid': withdrawalPaid,
  'withdrawal-reversed': withdrawalReversed,
  'withdrawal-idempotent-retry': withdrawalIdempotentRetry,
  'deposit-reliability': depositReliability,
};

function targetOf(ctx: RunContext, config: PaymentsStageConfig): PaymentsTarget | PaymentsObservation['summary']['problem'] {
  const env = ctx.env;
  if (!env) return { reason: 'no_data', message: 'no environment is up: the payments stage needs the platform and its psp sandbox' };
  const control = (env.controls['payment-sandbox'] ?? {}) as PaymentSandboxControl;
  const pspUrl = env.urls.psp ?? control.pspUrl;
  const apiKey = config.pspApiKey ?? control.apiKey;
  if (!pspUrl || !apiKey) {
    return { reason: 'capability_missing', message: 'no psp sandbox access: the environment gives no psp URL or API key (set pspApiKey or use an environment with payment-sandbox)' };
  }
  const http = { fetch: ctx.adapters.fetch, signal: ctx.signal, requestTimeoutMs: config.requestTimeoutMs };
  const webhookSecret = config.webhookSecret ?? control.webhookSecret;
  return {
    api: { ...http, baseUrl: env.urls.edge },
    psp: { ...http, baseUrl: pspUrl, apiKey },
    ...(webhookSecret ? { webhookSecret } : {}),
    config,
    clock: ctx.clock,
    players: [],
  };
}

async function invariantsOf(databaseUrl: string | undefined): Promise<InvariantsObservation> {
  if (!databaseUrl) return { status: 'unavailable', message: 'the environment gives no database URL: ledger invariants not checked' };
  try {
    const result = await readLedgerInvariants(databaseUrl);
    return { status: 'checked', ok: result.ok, violations: result.violations, counts: { ...result.counts } };
  } catch (error) {
    // pg errors can quote the connection string; keep only the first line, the report redacts URL credentials.
    return { status: 'error', message: errorMessage(error).split('\n')[0]! };
  }
}

/**
 * The payments stage: provider-sandbox flows through the platform (deposits, declines, 3-D Secure, idempotent retry,
 * duplicate/out-of-order and forged webhooks, payouts and reversals), then reconciliation of every wallet it touched
 * against the provider's books and the platform's ledger invariants.
 */
export const paymentsStage = defineStage<PaymentsStageConfig, PaymentsObservation>({
  id: 'payments',
  title: 'Payment sandbox checks',
  configSchema: paymentsStageConfigSchema,
  needs: ['payment-sandbox'],
  describe: (config) =>
    `runs ${(config.scenarios ?? PAYMENT_SCENARIOS).length} payment scenarios against the psp sandbox through the platform with ${config.amount} minor-unit deposits, then reconciles wallets with the provider's ledger`,
  plan: (config) => [
    ...(config.scenarios ?? PAYMENT_SCENARIOS).map((id) => ({ title: `payment scenario: ${id}`, detail: 'on a fresh test player' })),
    { title: 'reconcile with the provider', detail: "every wallet, deposit and withdrawal against psp GET /ledger; every provider event accepted" },
    { title: 'check ledger invariants', detail: 'double entry, credited once, holds equal open withdrawals (when a database URL is given)' },
  ],
  async run(ctx, config) {
    const target = targetOf(ctx, config);
    if (!target || !('api' in target)) return { summary: { scenarios: [], ...(target ? { problem: target } : {}) } };
    const selected = config.scenarios ?? PAYMENT_SCENARIOS;
    ctx.progress(`running ${selected.length} payment scenarios`);
    const scenarios = await Promise.all(selected.map((id) => runScenario(id, SCENARIOS[id], target)));
    ctx.progress('reconciling with the provider');
    const reconciliation = await runScenario('reconciliation', reconcileWithProvider, target);
    const invariants = await invariantsOf(ctx.env?.urls.database);
    return { summary: { scenarios, reconciliation, invariants } };
  },
  evaluate: (_config, observation) => evaluatePayments(observation),
});
