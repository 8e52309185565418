import { basename, join } from 'node:path';
import { createLogger } from '../../core/logger.ts';
import { runGate } from '../../core/runner/run-gate.ts';
import { stageNeeds } from '../../core/stage.ts';
import { updateLatestPointer, writeRunReports } from '../../reports/index.ts';
import { parseCommandArgs } from '../args.ts';
import { providerFor } from '../builtin.ts';
import { line, type CliIO } from '../io.ts';
import { createProgress } from '../progress/create.ts';
import { loadResolvedConfig, RUN_FLAGS, RUN_FLAGS_HELP, TOOL_VERSION } from '../resolve.ts';
import { renderPlan } from './plan.ts';

export const RUN_HELP = `Usage: greenlight run [options]

Stands up the staging replica, runs every stage of the profile against the candidate release, and
writes report.json, junit.xml, report.md and report.html to .greenlight/runs/<run-id>/.

Exit codes: 0 GO · 1 NO-GO · 2 INCONCLUSIVE (also: interrupted, harness fault) · 64 usage/config error.
Only 0 promotes. Ctrl-C stops the run, cleans up everything it started and still writes a report.

Options:
${RUN_FLAGS_HELP}
      --dry-run           print the plan and exit without running anything
      --plain             plain timestamped progress lines even on a terminal
  -h, --help              show this help

Example:
  greenlight run --profile ci --release 1.5.0 --baseline 1.4.0`;

export async function runCommand(argv: string[], io: CliIO): Promise<number> {
  const { values } = parseCommandArgs('run', argv, { ...RUN_FLAGS, 'dry-run': { type: 'boolean' }, plain: { type: 'boolean' } }, false);
  if (values.help) return line(io.stdout, RUN_HELP), 0;
  const config = await loadResolvedConfig(io, values);
  if (values['dry-run']) return io.stdout.write(renderPlan(config)), 0;
  const provider = providerFor(config);
  const needs = config.stages.map(({ stage, config: c }) => ({ stage: stage.id, needs: stageNeeds(stage, c, provider.capabilities) }));
  await provider.preflight?.({ candidate: config.release.candidate.version, baseline: config.release.baseline?.version, instances: config.environment.instances, needs });

  const progress = createProgress(io, { plain: values.plain === true });
  const log = createLogger(progress.log, { secrets: () => config.secrets });
  const { report, runDir } = await runGate({
    stateDir: config.outputDir,
    profile: config.profile,
    release: config.release,
    environment: provider,
    environmentOptions: { candidate: config.release.candidate.version, baseline: config.release.baseline?.version, instances: config.environment.instances },
    stages: config.stages,
    timeouts: config.timeouts,
    toolVersion: TOOL_VERSION,
    environmentUrls: config.environment.urls,
    secrets: config.secrets,
    signals: io.signals,
    fetch: io.fetch,
    log,
    onEvent: progress.event,
  });
  const written = await writeRunReports({ runDir, report, formats: config.reporters, stepSummaryPath: io.env['GITHUB_STEP_SUMMARY'], knownSecrets: config.secrets });
  await updateLatestPointer(join(config.outputDir, 'runs'), report.runId);
  progress.finish();
  line(io.stdout, `${report.verdict} — release ${report.release.candidate.version} (exit ${report.exitCode})`);
  for (const reason of report.reasons.slice(0, 8)) line(io.stdout, `  - ${reason}`);
  if (report.reasons.length > 8) line(io.stdout, `  … and ${report.reasons.length - 8} more in the report`);
  line(io.stdout, `Reports in ${runDir}: ${written.written.map((f) => basename(f)).join(', ')}`);
  for (const error of written.errors) line(io.stderr, `reporter ${error.reporter} failed: ${error.message}`);
  return report.exitCode;
}
