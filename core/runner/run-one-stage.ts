import { EventEmitter } from 'node:events';
import { join } from 'node:path';
import { updateLatestPointer, writeRunReports } from '../../reports/index.ts';
import type { EnvironmentOptions, EnvironmentProvider } from '../../staging/environment.ts';
import type { Check } from '../check.ts';
import { errorMessage } from '../errors.ts';
import { EXIT } from '../exit-codes.ts';
import { createLogger } from '../logger.ts';
import { redactText } from '../redact.ts';
import type { ReleaseRef } from '../run-context.ts';
import { TOOL_VERSION } from '../version.ts';
import { runGate, type PlannedStage } from './run-gate.ts';
import type { TerminationSignal } from './signals.ts';

interface Out {
  write(chunk: string): unknown;
}

export interface OneStageRun {
  /** Names the command in error messages, e.g. `chaos run`. */
  command: string;
  stateDir: string;
  profile: string;
  release: { candidate: ReleaseRef; baseline?: ReleaseRef };
  environment: EnvironmentProvider;
  environmentOptions: EnvironmentOptions;
  environmentUrls?: Record<string, unknown>;
  planned: PlannedStage;
  timeouts: { runMs: number; stageMs: number; environmentMs: number };
  /** Aborting it is a Ctrl-C for the runner: cleanup still runs and the report is marked interrupted. */
  signal?: AbortSignal;
  json?: boolean;
  stdout: Out;
  stderr: Out;
}

const MARK: Record<Check['status'], string> = { pass: 'PASS', warn: 'WARN', fail: 'FAIL', inconclusive: 'INCONCLUSIVE', error: 'ERROR', skipped: 'SKIP' };

/** One check per line, for terminals: status, id, duration, message, then its evidence. */
export function printChecks(out: Out, checks: readonly Check[], runDir: string): void {
  for (const c of checks) {
    const duration = c.durationMs !== undefined ? ` (${c.durationMs} ms)` : '';
    out.write(redactText(`${MARK[c.status].padEnd(12)} ${c.id}${c.blocking ? '' : ' (not blocking)'}: ${c.message}${duration}\n`));
    for (const path of c.evidence) out.write(`             evidence: ${join(runDir, path)}\n`);
  }
}

/**
 * A command that runs one stage (`greenlight chaos run`, `smoke --target`, `rollout run`) through the same runner,
 * reports and exit codes as the gate. Returns the exit code: 0 GO, 1 NO-GO, 2 INCONCLUSIVE.
 */
export async function runOneStage(options: OneStageRun): Promise<number> {
  try {
    const signals = new EventEmitter<Record<TerminationSignal, []>>();
    options.signal?.addEventListener('abort', () => signals.emit('SIGINT'), { once: true });
    if (options.signal?.aborted) queueMicrotask(() => signals.emit('SIGINT'));
    const { report, runDir } = await runGate({
      stateDir: options.stateDir,
      profile: options.profile,
      release: options.release,
      environment: options.environment,
      environmentOptions: options.environmentOptions,
      ...(options.environmentUrls ? { environmentUrls: options.environmentUrls } : {}),
      stages: [options.planned],
      timeouts: options.timeouts,
      toolVersion: TOOL_VERSION,
      signals,
      log: createLogger((record) => {
        if (record.level === 'warn' || record.level === 'error') options.stderr.write(`${record.level}: ${record.message}\n`);
      }),
    });
    await writeRunReports({ runDir, report });
    await updateLatestPointer(join(options.stateDir, 'runs'), report.runId);
    const checks = report.stages.flatMap((stage) => stage.checks);
    if (options.json) {
      options.stdout.write(`${JSON.stringify({ verdict: report.verdict, exitCode: report.exitCode, runDir, reasons: report.reasons, checks }, null, 2)}\n`);
    } else {
      printChecks(options.stdout, checks, runDir);
      options.stdout.write(`verdict: ${report.verdict} (exit ${report.exitCode}); report in ${runDir}\n`);
    }
    return report.exitCode;
  } catch (error) {
    options.stderr.write(`${options.command}: internal error (this is a bug in greenlight): ${redactText(errorMessage(error))}\n`);
    return EXIT.INCONCLUSIVE;
  }
}
