import { loadConfigFile } from '../core/config/load.ts';
import { resolveConfig, type ConfigFlags, type ResolvedConfig } from '../core/config/resolve.ts';
import { list } from './args.ts';
import { BUILTIN_STAGES, PROVIDER_CAPABILITIES } from './builtin.ts';
import type { CliIO } from './io.ts';

export { TOOL_VERSION } from '../core/version.ts';

/** The flags that shape a run, shared by run, plan and validate. */
export const RUN_FLAGS = {
  config: { type: 'string', short: 'c' },
  profile: { type: 'string', short: 'p' },
  release: { type: 'string' },
  baseline: { type: 'string' },
  env: { type: 'string' },
  only: { type: 'string' },
  'output-dir': { type: 'string' },
  'load-backend': { type: 'string' },
} as const;

export const RUN_FLAGS_HELP = `  -c, --config <file>     config file (default: greenlight.config.ts in the current directory, if any)
  -p, --profile <name>    quick | ci | full, or one the config defines   [env GREENLIGHT_PROFILE, default quick]
      --release <semver>  candidate release version                      [env GREENLIGHT_RELEASE, default 1.5.0]
      --baseline <semver> baseline release version                       [env GREENLIGHT_BASELINE, default 1.4.0]
      --env <provider>    where the staging replica runs: local | remote | kube | k3s [env GREENLIGHT_ENV, default local]
      --only <ids>        run only these stages, comma-separated
      --output-dir <dir>  state and run directory                        [env GREENLIGHT_OUTPUT_DIR, default .greenlight]
      --load-backend <b>  auto | embedded | k6 | k6-operator              [default auto: k6-operator on kube,
                          else k6 when installed, else embedded]`;

export async function loadResolvedConfig(io: CliIO, values: Record<string, unknown>): Promise<ResolvedConfig> {
  const loaded = await loadConfigFile(io.cwd, values['config'] as string | undefined);
  const flags: ConfigFlags = {
    profile: values['profile'] as string | undefined,
    candidate: values['release'] as string | undefined,
    baseline: values['baseline'] as string | undefined,
    provider: values['env'] as string | undefined,
    outputDir: values['output-dir'] as string | undefined,
    only: list(values['only'] as string | undefined),
    ...(values['load-backend'] ? { stageOverrides: { load: { backend: values['load-backend'] } } } : {}),
  };
  return resolveConfig({ cwd: io.cwd, loaded, flags, env: io.env, stages: BUILTIN_STAGES, providers: PROVIDER_CAPABILITIES });
}
