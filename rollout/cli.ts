import { runOneStage } from '../core/runner/run-one-stage.ts';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Check } from '../core/check.ts';
import { ConfigError, errorMessage, formatIssue } from '../core/errors.ts';
import { EXIT, exitCodeFor } from '../core/exit-codes.ts';
import { redactText } from '../core/redact.ts';
import { decideVerdict } from '../core/verdict.ts';
import { createLocalProvider } from '../staging/local/provider.ts';
import { compareRuns } from './compare/compare-runs.ts';
import { rolloutConfigSchema, type RolloutConfig, type RolloutConfigInput } from './config.ts';
import { rolloutStage } from './rollout-stage.ts';

interface Out {
  write(chunk: string): unknown;
}

const MARK: Record<Check['status'], string> = { pass: 'PASS', warn: 'WARN', fail: 'FAIL', inconclusive: 'INCONCLUSIVE', error: 'ERROR', skipped: 'SKIP' };

function printChecks(out: Out, checks: readonly Check[]): void {
  for (const c of checks) out.write(redactText(`${MARK[c.status].padEnd(12)} ${c.id}${c.blocking ? '' : ' (not blocking)'}: ${c.message}\n`));
}

function usage(stderr: Out, command: string, error: ConfigError): number {
  stderr.write(`${command}: unusable input (${error.issues.length} problem(s)):\n`);
  for (const issue of error.issues) stderr.write(`  ${formatIssue(issue)}\n`);
  if (error.hint) stderr.write(`hint: ${error.hint}\n`);
  return EXIT.USAGE;
}

/** `greenlight rollout compare <before> <after> [--target NAME] [--json]`: run ids under <stateDir>/runs, or paths. */
export interface RolloutCompareOptions {
  before?: string;
  after?: string;
  target?: string;
  json?: boolean;
  stateDir?: string;
  cwd?: string;
  stdout: Out;
  stderr: Out;
}

export async function rolloutCompare(options: RolloutCompareOptions): Promise<number> {
  const cwd = options.cwd ?? process.cwd();
  const runsDir = join(resolve(cwd, options.stateDir ?? '.greenlight'), 'runs');
  const locate = (ref: string) => (existsSync(resolve(cwd, ref)) ? resolve(cwd, ref) : join(runsDir, ref));
  let checks: Check[];
  try {
    const missing = (['before', 'after'] as const).filter((k) => !options[k]).map((k) => ({ path: `<${k}>`, message: 'is required', expected: 'a run id under .greenlight/runs or a run directory' }));
    if (missing.length > 0) throw new ConfigError('compare_options', missing, 'example: greenlight rollout compare 20261126-101500-ab12 latest');
    checks = compareRuns(locate(options.before!), locate(options.after!), { target: options.target });
  } catch (error) {
    if (error instanceof ConfigError) return usage(options.stderr, 'rollout compare', error);
    options.stderr.write(`rollout compare: internal error (this is a bug in greenlight): ${redactText(errorMessage(error))}\n`);
    return EXIT.INCONCLUSIVE;
  }
  const decision = decideVerdict({ checks, interrupted: false, harnessFaults: [] });
  const exitCode = exitCodeFor(decision.verdict);
  if (options.json) options.stdout.write(`${JSON.stringify({ verdict: decision.verdict, exitCode, reasons: decision.reasons, checks }, null, 2)}\n`);
  else {
    printChecks(options.stdout, checks);
    options.stdout.write(`verdict: ${decision.verdict} (exit ${exitCode})\n`);
  }
  return exitCode;
}

/** `greenlight rollout [--drills canary,blue-green,...] [--candidate V --baseline V] [--defects green:slow-spin] [--json]`. */
export interface RolloutRunOptions {
  drills?: string[];
  candidate?: string;
  baseline?: string;
  /** `pool:defect` pairs switched on in the local replica (known-bad variants, for rehearsing a failure). */
  defects?: string[];
  /** Everything else of the stage config (step durations, thresholds). */
  config?: RolloutConfigInput;
  json?: boolean;
  stateDir?: string;
  cwd?: string;
  signal?: AbortSignal;
  stdout: Out;
  stderr: Out;
}

function parseDefects(pairs: readonly string[]): Record<string, string[]> {
  const byPool: Record<string, string[]> = {};
  const issues = [];
  for (const [i, pair] of pairs.entries()) {
    const match = /^(blue|green|canary):([a-z0-9-]+)$/.exec(pair);
    if (!match) issues.push({ path: `--defects[${i}]`, message: `"${pair}" is not pool:defect`, expected: 'e.g. green:slow-spin' });
    else (byPool[match[1]!] ??= []).push(match[2]!);
  }
  if (issues.length > 0) throw new ConfigError('rollout_options', issues);
  return byPool;
}

function parseConfig(options: RolloutRunOptions): RolloutConfig {
  const parsed = rolloutConfigSchema.safeParse({ ...options.config, ...(options.drills ? { drills: options.drills } : {}) });
  if (parsed.success) return parsed.data;
  throw new ConfigError('rollout_options', parsed.error.issues.map((i) => ({ path: i.path.join('.') || '(config)', message: i.message })), 'drills: canary, blue-green, flags, read-only, maintenance');
}

export async function rolloutRun(options: RolloutRunOptions): Promise<number> {
  let config: RolloutConfig;
  let defects: Record<string, string[]>;
  try {
    config = parseConfig(options);
    defects = parseDefects(options.defects ?? []);
  } catch (error) {
    if (error instanceof ConfigError) return usage(options.stderr, 'rollout', error);
    throw error;
  }
  const candidate = options.candidate ?? '1.5.0';
  const baseline = options.baseline ?? '1.4.0';
  return runOneStage({
    command: 'rollout',
    stateDir: resolve(options.cwd ?? process.cwd(), options.stateDir ?? '.greenlight'),
    profile: 'rollout',
    release: { candidate: { version: candidate }, baseline: { version: baseline } },
    environment: createLocalProvider({ replica: { defects, seedPlayers: 0 } }),
    environmentOptions: { candidate, baseline, instances: 1 },
    planned: { stage: rolloutStage, config },
    timeouts: { runMs: 600_000, stageMs: 540_000, environmentMs: 90_000 },
    signal: options.signal,
    json: options.json,
    stdout: options.stdout,
    stderr: options.stderr,
  });
}
