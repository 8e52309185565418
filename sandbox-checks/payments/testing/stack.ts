import type { Check } from '../../../core/check.ts';
import { TEST_SECRETS, type Stack } from '../../../fixtures/platform/test/stack.ts';
import type { Environment } from '../../../staging/environment.ts';
import type { PaymentScenarioId, PaymentsStageConfig } from '../config.ts';
import { paymentsStage } from '../stage.ts';
import { testRunContext } from './context.ts';

/** The environment a test platform stack gives the payments stage (its database too, unless left out). */
export function stackEnvironment(stack: Stack, withDatabase = true): Environment {
  return {
    provider: 'test',
    urls: { edge: stack.api.url, psp: stack.psp.url, ...(withDatabase ? { database: stack.db.url } : {}) },
    capabilities: new Set(['payment-sandbox']),
    releases: {},
    controls: {},
  };
}

/** The stage config for a test stack: its secrets, and these scenarios (default: all). */
export function stackConfig(scenarios?: PaymentScenarioId[]): PaymentsStageConfig {
  return paymentsStage.configSchema.parse({ webhookSecret: TEST_SECRETS.webhookSecret, pspApiKey: TEST_SECRETS.pspApiKey, ...(scenarios ? { scenarios } : {}) });
}

/** Runs the payments stage against the stack and judges it. */
export async function checksAgainst(stack: Stack, config: PaymentsStageConfig): Promise<Check[]> {
  return paymentsStage.evaluate(config, await paymentsStage.run(testRunContext(stackEnvironment(stack)), config));
}
