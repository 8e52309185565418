import { z } from 'zod';
import { ConfigError } from '../core/errors.ts';
import type { RunContext } from '../core/run-context.ts';
import { defineStage } from '../core/stage.ts';
import type { PlanStep } from '../core/stage.ts';
import { releaseConfigSchema } from './config.ts';
import type { ReleaseChecksConfig } from './config.ts';
import { evaluateRelease } from './evaluate.ts';
import { observeRelease } from './observe.ts';
import type { ReleaseObservation } from './observation.ts';

/** In a gate run the candidate and production default to the run's candidate and baseline manifests. */
const stageConfigSchema = releaseConfigSchema.extend({
  candidate: z.string().min(1).optional(),
  production: releaseConfigSchema.shape.production.optional(),
});
export type ReleaseStageConfig = z.infer<typeof stageConfigSchema>;

function withRelease(config: ReleaseStageConfig, release: RunContext['release']): ReleaseChecksConfig {
  const candidate = config.candidate ?? release.candidate.manifest;
  if (!candidate) {
    throw new ConfigError('release_manifest_missing', [{ path: 'stages.release.candidate', message: `no release manifest for ${release.candidate.version}`, expected: `fixtures/releases/${release.candidate.version}.json or stages.release.candidate` }]);
  }
  const baseline = release.baseline;
  const production = config.production ?? (baseline?.manifest ? { manifest: baseline.manifest } : baseline ? { version: baseline.version } : undefined);
  if (!production) throw new ConfigError('production_unknown', [{ path: 'stages.release.production', message: 'what runs in production is unknown', expected: '--baseline or stages.release.production' }]);
  return { ...config, candidate, production };
}

function planSteps(config: ReleaseStageConfig): PlanStep[] {
  const production = config.production?.manifest ?? (config.production?.version ? `version ${config.production.version}` : "the baseline's manifest (production)");
  const candidate = config.candidate ?? "the run's candidate manifest";
  const steps: PlanStep[] = [
    { title: 'SemVer: valid, newer than production, bump fits the change', detail: `${candidate} vs ${production}; ${config.migrations.length} migration path(s)` },
    { title: 'Artifacts pinned by digest, file sha256 verified, version built once', detail: `registry ${config.artifacts.seenRegistry ?? '<stateDir>/releases-seen.json'}; ${config.artifacts.compareWith.length} other manifest path(s)` },
    { title: 'New feature flags default off' },
    { title: `Security-patch SLA: ${config.sla.priorities.join('/')} promoted within ${config.sla.windowHours} h of disclosure`, detail: `expected lead time ${config.sla.promotionLeadTimeHours} h` },
  ];
  if (config.scans) steps.push({ title: 'Dependency scans', detail: `${config.scans.files.length} report(s); blocking: ${config.scans.block.join(', ')}${config.scans.allowlist ? `; allow-list ${config.scans.allowlist}` : ''}` });
  if (config.drift) steps.push({ title: 'Staging ≈ production', detail: `${config.drift.staging} vs ${config.drift.production}; ${config.drift.allow.length} expected drift(s)` });
  return steps;
}

/** Stage `release`: SemVer, immutable artifacts, feature flags, dependency scans, P1 SLA, staging≈production drift. */
export const releaseChecksStage = defineStage<ReleaseStageConfig, ReleaseObservation & { config: ReleaseChecksConfig }>({
  id: 'release',
  title: 'Release checks',
  configSchema: stageConfigSchema as z.ZodType<ReleaseStageConfig>,
  describe: (config) => `release checks for ${config.candidate ?? "the run's candidate manifest"}`,
  plan: planSteps,
  async run(ctx, config) {
    const resolved = withRelease(config, ctx.release);
    const observation = await observeRelease(resolved, { stateDir: ctx.stateDir, nowMs: ctx.clock.now(), signal: ctx.signal });
    return { ...observation, config: resolved };
  },
  evaluate: (_config, observation) => evaluateRelease(observation.config, observation),
});
