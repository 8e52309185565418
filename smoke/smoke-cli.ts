import { runOneStage } from '../core/runner/run-one-stage.ts';
import { resolve } from 'node:path';
import { ConfigError, formatIssue } from '../core/errors.ts';
import { EXIT } from '../core/exit-codes.ts';
import { remoteProvider } from '../staging/remote/provider.ts';
import { smokeConfigSchema, type SmokeConfig } from './config.ts';
import { createSmokeStage } from './smoke-stage.ts';
import type { UiJourneyDeps } from './ui-journey.ts';

interface Out {
  write(chunk: string): unknown;
}

/** `greenlight smoke --target URL [--pool blue|green|canary] [--no-ui] [--no-api] [--json]`. */
export interface SmokeCliOptions {
  target?: string;
  pool?: string;
  ui?: boolean;
  api?: boolean;
  retries?: number;
  /** Print the verdict and checks as JSON. */
  json?: boolean;
  /** Where runs are kept (`<stateDir>/runs/<run-id>` holds the report and the evidence); default `.greenlight`. */
  stateDir?: string;
  /** The release label in the report; default `unknown`. */
  release?: string;
  cwd?: string;
  signal?: AbortSignal;
  stdout: Out;
  stderr: Out;
  /** Tests only: browser discovery, another Playwright config. */
  deps?: UiJourneyDeps;
}


/** Smokes a running target once and returns the exit code: 0 GO, 1 NO-GO, 2 INCONCLUSIVE, 64 unusable input. */
export async function smoke(options: SmokeCliOptions): Promise<number> {
  let config: SmokeConfig;
  try {
    config = parseOptions(options);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    options.stderr.write(`smoke: unusable input (${error.issues.length} problem(s)):\n`);
    for (const issue of error.issues) options.stderr.write(`  ${formatIssue(issue)}\n`);
    if (error.hint) options.stderr.write(`hint: ${error.hint}\n`);
    return EXIT.USAGE;
  }
  const version = options.release ?? 'unknown';
  return runOneStage({
    command: 'smoke',
    stateDir: resolve(options.cwd ?? process.cwd(), options.stateDir ?? '.greenlight'),
    profile: 'smoke',
    release: { candidate: { version } },
    environment: remoteProvider({ edge: config.target! }),
    environmentOptions: { candidate: version },
    environmentUrls: { edge: config.target },
    planned: { stage: createSmokeStage(options.deps ?? {}), config },
    timeouts: { runMs: config.timeouts.uiRunMs + 60_000, stageMs: config.timeouts.uiRunMs + 45_000, environmentMs: 10_000 },
    signal: options.signal,
    json: options.json,
    stdout: options.stdout,
    stderr: options.stderr,
  });
}

function parseOptions(options: SmokeCliOptions): SmokeConfig {
  const raw = {
    target: options.target, pool: options.pool, ui: options.ui ?? true, api: options.api ?? true,
    ...(options.retries === undefined ? {} : { retries: options.retries }),
  };
  const parsed = smokeConfigSchema.safeParse(raw);
  const issues = parsed.success ? [] : parsed.error.issues.map((issue) => ({ path: `--${issue.path.join('.') || 'options'}`, message: issue.message }));
  if (!options.target) issues.unshift({ path: '--target', message: 'is required' });
  if (issues.length > 0 || !parsed.success) {
    throw new ConfigError('smoke_options', issues.map((i) => ({ ...i, expected: expectations[i.path] })), 'example: greenlight smoke --target http://127.0.0.1:8080 --pool green');
  }
  return parsed.data;
}

const expectations: Record<string, string> = {
  '--target': 'an absolute http(s) URL of the edge or an api',
  '--pool': 'blue, green or canary',
  '--ui': 'ui or api on (not both off)',
};

/** The runner listens for termination signals; an aborted AbortSignal is our SIGINT. */
