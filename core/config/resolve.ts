import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import semver from 'semver';
import type { Capability } from '../../staging/environment.ts';
import { ConfigError, type ConfigIssue } from '../errors.ts';
import { collectSecrets } from '../redact.ts';
import type { ReleaseRef } from '../run-context.ts';
import type { PlannedStage } from '../runner/run-gate.ts';
import { stageNeeds, type Stage } from '../stage.ts';
import { validateThresholds } from '../thresholds/index.ts';
import { deepMerge } from './deep-merge.ts';
import { DEFAULT_PROFILES, DEFAULTS, ENV_VARS } from './defaults.ts';
import type { LoadedConfigFile } from './load.ts';
import { userConfigSchema, type ReportFormat, type UserConfig } from './schema.ts';
import { zodIssues } from './zod-issues.ts';

export interface ConfigFlags {
  profile?: string;
  candidate?: string;
  baseline?: string;
  provider?: string;
  outputDir?: string;
  /** Run only these stage ids. */
  only?: string[];
  /** Stage settings given as flags (e.g. `--load-backend k6`), merged over the file and the profile. */
  stageOverrides?: Record<string, Record<string, unknown>>;
}

export interface ResolveInput {
  cwd: string;
  loaded: LoadedConfigFile;
  flags: ConfigFlags;
  env: Readonly<Record<string, string | undefined>>;
  /** Every known stage, in canonical run order. */
  stages: readonly Stage[];
  providers: Readonly<Record<string, { capabilities: readonly Capability[] }>>;
}

/** Everything required, validated: what the runner and `plan` consume. */
export interface ResolvedConfig {
  file?: string;
  profile: string;
  profileDescription?: string;
  release: { candidate: ReleaseRef; baseline?: ReleaseRef };
  environment: { provider: string; instances: number; urls?: Record<string, unknown>; local?: Record<string, unknown>; kube?: Record<string, unknown>; k3s?: Record<string, unknown> };
  outputDir: string;
  timeouts: { runMs: number; stageMs: number; environmentMs: number };
  reporters: ReportFormat[];
  stages: PlannedStage[];
  /** Secret values found in the config, scrubbed from every log line and report. */
  secrets: string[];
}

/** Merges flag > env > file > defaults and validates everything, reporting every problem at once. */
export function resolveConfig(input: ResolveInput): ResolvedConfig {
  const { file } = input.loaded;
  const parsed = userConfigSchema.safeParse(input.loaded.value ?? {});
  if (!parsed.success) throw new ConfigError('config_invalid', zodIssues(parsed.error, '', file), 'see `greenlight validate --help` for the config shape');
  const user: UserConfig = parsed.data;
  const issues: ConfigIssue[] = [];
  const pick = (flag: string | undefined, envName: string, fromFile: string | undefined, fallback: string) => flag ?? input.env[envName] ?? fromFile ?? fallback;

  const profiles = { ...DEFAULT_PROFILES, ...user.profiles };
  const profileName = pick(input.flags.profile, ENV_VARS.profile, user.profile, DEFAULTS.profile);
  const profile = profiles[profileName];
  if (!profile) issues.push({ file, path: 'profile', message: `unknown profile "${profileName}"`, expected: `one of ${Object.keys(profiles).join(', ')}` });

  const manifestsDir = resolve(input.cwd, user.release?.manifestsDir ?? DEFAULTS.manifestsDir);
  const release = (version: string, path: string): ReleaseRef => {
    if (!semver.valid(version)) issues.push({ file, path, message: `"${version}" is not a SemVer version`, expected: 'MAJOR.MINOR.PATCH, e.g. 1.5.0' });
    const manifest = resolve(manifestsDir, `${version}.json`);
    return existsSync(manifest) ? { version, manifest } : { version };
  };
  const candidate = release(pick(input.flags.candidate, ENV_VARS.candidate, user.release?.candidate, DEFAULTS.candidate), 'release.candidate');
  const baselineVersion = input.flags.baseline ?? input.env[ENV_VARS.baseline] ?? user.release?.baseline ?? DEFAULTS.baseline;
  const baseline = baselineVersion ? release(baselineVersion, 'release.baseline') : undefined;
  if (baseline && semver.valid(baseline.version) && semver.valid(candidate.version) && semver.lte(candidate.version, baseline.version)) {
    issues.push({ file, path: 'release.candidate', message: `candidate ${candidate.version} is not newer than baseline ${baseline.version}`, expected: 'a candidate version greater than the baseline' });
  }

  const provider = pick(input.flags.provider, ENV_VARS.provider, user.environment?.provider, DEFAULTS.provider);
  const capabilities = input.providers[provider]?.capabilities;
  if (!capabilities) issues.push({ file, path: 'environment.provider', message: `unknown environment "${provider}"`, expected: `one of ${Object.keys(input.providers).join(', ')}` });
  if (provider === 'remote' && !user.environment?.urls?.edge) issues.push({ file, path: 'environment.urls.edge', message: 'the remote environment needs the URL players use', expected: 'an http(s) URL' });

  const stages = planStages(input, user, profile?.stages, profile?.overrides ?? {}, capabilities, issues);
  if (issues.length > 0) throw new ConfigError('config_invalid', issues, 'fix the config (or flags) above; nothing ran');

  return {
    file,
    profile: profileName,
    profileDescription: profile?.description,
    release: { candidate, ...(baseline ? { baseline } : {}) },
    environment: {
      provider,
      instances: user.environment?.instances ?? DEFAULTS.instances,
      ...(user.environment?.urls ? { urls: user.environment.urls } : {}),
      ...(user.environment?.local ? { local: user.environment.local } : {}),
      ...(user.environment?.kube ? { kube: user.environment.kube } : {}),
      ...(user.environment?.k3s ? { k3s: user.environment.k3s } : {}),
    },
    outputDir: resolve(input.cwd, input.flags.outputDir ?? input.env[ENV_VARS.outputDir] ?? user.outputDir ?? DEFAULTS.outputDir),
    timeouts: { ...DEFAULTS.timeouts, ...user.timeouts, ...profile?.timeouts },
    reporters: user.reporters ?? [...DEFAULTS.reporters],
    stages,
    secrets: collectSecrets(input.loaded.value),
  };
}

function planStages(
  input: ResolveInput,
  user: UserConfig,
  profileStages: string[] | undefined,
  overrides: Record<string, Record<string, unknown>>,
  capabilities: readonly Capability[] | undefined,
  issues: ConfigIssue[],
): PlannedStage[] {
  const { file } = input.loaded;
  const known = new Map(input.stages.map((s) => [s.id, s]));
  const unknown = (ids: string[], path: string) =>
    ids.forEach((id, i) => known.has(id) || issues.push({ file, path: `${path}[${i}]`, message: `unknown stage "${id}"`, expected: `one of ${[...known.keys()].join(', ')}` }));
  for (const id of Object.keys(user.stages ?? {})) if (!known.has(id)) issues.push({ file, path: `stages.${id}`, message: `unknown stage "${id}"`, expected: `one of ${[...known.keys()].join(', ')}` });
  if (profileStages) unknown(profileStages, 'profiles.stages');
  if (input.flags.only) unknown(input.flags.only, '--only');

  const wanted = new Set(input.flags.only ?? profileStages ?? input.stages.map((s) => s.id));
  const planned: PlannedStage[] = [];
  for (const stage of input.stages) {
    if (!wanted.has(stage.id)) continue;
    const raw = deepMerge(deepMerge(user.stages?.[stage.id] ?? {}, overrides[stage.id] ?? {}), input.flags.stageOverrides?.[stage.id] ?? {});
    const result = stage.configSchema.safeParse(raw);
    if (!result.success) {
      issues.push(...zodIssues(result.error, `stages.${stage.id}`, file));
      continue;
    }
    const thresholds = (result.data as { thresholds?: unknown }).thresholds;
    if (thresholds) issues.push(...validateThresholds(thresholds as never, stage.emits ?? [], `stages.${stage.id}.thresholds`).map((i) => ({ ...i, file })));
    for (const need of stageNeeds(stage, result.data, capabilities ?? [])) {
      if (capabilities && !capabilities.includes(need)) {
        const offering = Object.entries(input.providers).filter(([, p]) => p.capabilities.includes(need)).map(([name]) => `--env ${name}`);
        issues.push({ file, path: `stages.${stage.id}`, message: `needs the "${need}" capability, which this environment does not offer`, expected: `an environment that has it (${offering.join(', ') || 'none built in'}), or leave the stage out with --only` });
      }
    }
    planned.push({ stage, config: result.data });
  }
  return planned;
}
