import { EventEmitter } from 'node:events';
import { resolve } from 'node:path';
import type { Check } from '../../core/check.ts';
import { ConfigError, errorMessage, formatIssue } from '../../core/errors.ts';
import { EXIT } from '../../core/exit-codes.ts';
import { createLogger } from '../../core/logger.ts';
import { redactText } from '../../core/redact.ts';
import { runGate } from '../../core/runner/run-gate.ts';
import type { TerminationSignal } from '../../core/runner/signals.ts';
import { writeRunReports } from '../../reports/index.ts';
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

const MARK: Record<Check['status'], string> = { pass: 'PASS', warn: 'WARN', fail: 'FAIL', inconclusive: 'INCONCLUSIVE', error: 'ERROR', skipped: 'SKIP' };

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

function signalSource(signal: AbortSignal | undefined) {
  const emitter = new EventEmitter<Record<TerminationSignal, []>>();
  signal?.addEventListener('abort', () => emitter.emit('SIGINT'), { once: true });
  if (signal?.aborted) queueMicrotask(() => emitter.emit('SIGINT'));
  return emitter;
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
  try {
    const candidate = options.release ?? '1.5.0';
    const baseline = options.baseline ?? '1.4.0';
    const budgetMs = resolveExperiments(config).reduce((sum, e) => sum + e.method.durationMs + e.recoveryMs + 60_000, 0);
    const { report, runDir } = await runGate({
      stateDir: resolve(options.cwd ?? process.cwd(), options.stateDir ?? '.greenlight'),
      profile: 'chaos',
      release: { candidate: { version: candidate }, baseline: { version: baseline } },
      environment: options.environment ?? createLocalProvider(),
      environmentOptions: { candidate, baseline, instances: options.instances ?? 2 },
      stages: [{ stage: createChaosStage(), config }],
      timeouts: { runMs: budgetMs + 120_000, stageMs: budgetMs, environmentMs: 90_000 },
      toolVersion: '0.1.0',
      signals: signalSource(options.signal),
      log: createLogger((record) => {
        if (record.level === 'warn' || record.level === 'error') options.stderr.write(`${record.level}: ${record.message}\n`);
      }),
    });
    await writeRunReports({ runDir, report });
    const checks = report.stages.flatMap((stage) => stage.checks);
    if (options.json) {
      options.stdout.write(`${JSON.stringify({ verdict: report.verdict, exitCode: report.exitCode, runDir, reasons: report.reasons, checks }, null, 2)}\n`);
    } else {
      for (const c of checks) options.stdout.write(redactText(`${MARK[c.status].padEnd(12)} ${c.id}: ${c.message}\n`));
      options.stdout.write(`verdict: ${report.verdict} (exit ${report.exitCode}); report in ${runDir}\n`);
    }
    return report.exitCode;
  } catch (error) {
    options.stderr.write(`chaos run: internal error (this is a bug in greenlight): ${redactText(errorMessage(error))}\n`);
    return EXIT.INCONCLUSIVE;
  }
}
