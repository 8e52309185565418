export { smokeStage, createSmokeStage, type SmokeStageObservation } from './smoke-stage.ts';
export { smokeConfigSchema, POOLS, type SmokeConfig, type SmokeConfigInput, type PoolName } from './config.ts';
export { evaluateSmoke, type SmokeObservation } from './evaluate.ts';
export { runApiJourney, API_STEPS, type ApiStepId, type ApiStepResult, type ApiJourneyOptions } from './api-journey.ts';
export { discoverChromium, systemProbe, CHROMIUM_ARGS, type BrowserDiscovery } from './browser.ts';
export { observeUi, type UiObservation } from './ui-journey.ts';
export { smoke, type SmokeCliOptions } from './smoke-cli.ts';
