/** Greenlight's public library API: what greenlight.config.ts and programmatic users import. */
export { defineConfig } from './core/config/define-config.ts';
export type { UserConfig } from './core/config/schema.ts';
export { runGate, type GateOptions, type GateResult, type PlannedStage } from './core/runner/run-gate.ts';
export { defineStage, type Stage, type Observation, type PlanStep } from './core/stage.ts';
export { check, type Check, type CheckStatus, type ReasonCode } from './core/check.ts';
export { decideVerdict, type Verdict } from './core/verdict.ts';
export { EXIT, exitCodeFor } from './core/exit-codes.ts';
export type { Report } from './reports/report.ts';
