import { runOneStage } from '../../core/runner/run-one-stage.ts';
import { resolve } from 'node:path';
import { ConfigError, formatIssue } from '../../core/errors.ts';
import { EXIT } from '../../core/exit-codes.ts';
import type { EnvironmentProvider } from '../../staging/environment.ts';
import { createLocalProvider } from '../../staging/local/provider.ts';
import { chaosConfigSchema, resolveExperiments, type ChaosConfig } from '../config.ts';
import { SHIPPED_EXPERIMENT_NAMES } from '../shipped/index.ts';
import { createChaosStage } from '../stage.ts';
import type { Out } from './chaos-render.ts';

/** `greenlight chaos run [<experiment>…] [--duration-scale N] [--release 1.5.0 --baseline 1.4.0] [--json]`. */
export interface ChaosRunOptions {
  /** Shipped experiment names; all of them when absent. */
  experiment?: string | string[];
  durationScale?: number;
  release?: string;
  baseline?: string;
  instances?: number;
  json?: boolean;
  stateDir?: string;
  cwd?: string;
  signal?: AbortSignal;
  /** The environment to run against; the local replica by default. */
  environment?: EnvironmentProvider;
  stdout: Out;
  stderr: Out;
}


function parseOptions(options: ChaosRunOptions): ChaosConfig {
  const names = options.experiment === undefined ? undefined : [options.experiment].flat();
  const parsed = chaosConfigSchema.safeParse({ ...(names ? { experiments: names } : {}), ...(options.durationScale === undefined ? {} : { durationScale: options.durationScale }) });
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => ({
      path: issue.path[0] === 'experiments' ? `<experiment>${issue.path.length > 1 ? `[${String(issue.path[1])}]` : ''}` : `--${String(issue.path[0] ?? 'options').replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`,
      message: issue.message,
      expected: issue.path[0] === 'experiments' ? SHIPPED_EXPERIMENT_NAMES.join(', ') : undefined,
    }));
    throw new ConfigError('chaos-run', issues, 'example: greenlight chaos run rng-outage');
  }
  resolveExperiments(parsed.data);
  return parsed.data;
}

/** Runs chaos experiments on a fresh local replica and returns the exit code: 0 GO, 1 NO-GO, 2 INCONCLUSIVE, 64 unusable input. */
export async function chaosRun(options: ChaosRunOptions): Promise<number> {
  let config: ChaosConfig;
  try {
    config = parseOptions(options);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    options.stderr.write(`chaos run: unusable input (${error.issues.length} problem(s)):\n`);
    for (const issue of error.issues) options.stderr.write(`  ${formatIssue(issue)}\n`);
    if (error.hint) options.stderr.write(`hint: ${error.hint}\n`);
    return EXIT.USAGE;
  }
  const candidate = options.release ?? '1.5.0';
  const baseline = options.baseline ?? '1.4.0';
  const budgetMs = resolveExperiments(config).reduce((sum, e) => sum + e.method.durationMs + e.recoveryMs + 60_000, 0);
  return runOneStage({
    command: 'chaos run',
    stateDir: resolve(options.cwd ?? process.cwd(), options.stateDir ?? '.greenlight'),
    profile: 'chaos',
    release: { candidate: { version: candidate }, baseline: { version: baseline } },
    environment: options.environment ?? createLocalProvider(),
    environmentOptions: { candidate, baseline, instances: options.instances ?? 2 },
    planned: { stage: createChaosStage(), config },
    timeouts: { runMs: budgetMs + 120_000, stageMs: budgetMs, environmentMs: 90_000 },
    signal: options.signal,
    json: options.json,
    stdout: options.stdout,
    stderr: options.stderr,
  });
}
