export { paymentsStage, type PaymentSandboxControl } from './stage.ts';
export { paymentsStageConfigSchema, PAYMENT_SCENARIOS, type PaymentScenarioId, type PaymentsStageConfig, type PaymentsStageUserConfig } from './config.ts';
export type { PaymentsObservation, InvariantsObservation } from './observation.ts';
export { evaluatePayments, scenarioCheck, invariantsCheck, SCENARIO_TITLES } from './evaluate.ts';
export type { Expectation, ScenarioObservation, ScenarioProblem } from './scenario.ts';
export { signWebhook, SIGNATURE_HEADER } from './webhook-signing.ts';
export { expectedWallet } from './reconcile.ts';
