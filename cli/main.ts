import { ConfigError, formatIssue } from '../core/errors.ts';
import { EXIT } from '../core/exit-codes.ts';
import { chaosCommand } from './commands/chaos.ts';
import { cleanupCommand } from './commands/cleanup.ts';
import { envCommand } from './commands/env.ts';
import { loadCommand } from './commands/load.ts';
import { migrationsCommand } from './commands/migrations.ts';
import { planCommand } from './commands/plan.ts';
import { releaseCommand } from './commands/release.ts';
import { reportCommand } from './commands/report.ts';
import { rngCommand } from './commands/rng.ts';
import { rolloutCommand } from './commands/rollout.ts';
import { runCommand } from './commands/run.ts';
import { serveCommand } from './commands/serve.ts';
import { smokeCommand } from './commands/smoke.ts';
import { validateCommand } from './commands/validate.ts';
import { line, type CliIO } from './io.ts';
import { TOOL_VERSION } from './resolve.ts';

type Command = (argv: string[], io: CliIO) => Promise<number>;

const COMMANDS: Record<string, { summary: string; run: Command }> = {
  run: { summary: 'run the gate: staging replica, every stage, go/no-go report', run: runCommand },
  plan: { summary: 'show what a run would do, without running anything', run: planCommand },
  validate: { summary: 'validate the config and thresholds, listing every error', run: validateCommand },
  report: { summary: 're-render a stored run as json, junit, md or html', run: reportCommand },
  env: { summary: 'env up|down|status: the local staging replica for humans (URLs, demo login)', run: envCommand },
  smoke: { summary: 'the player journey in a real browser and over the API (local replica or --target)', run: smokeCommand },
  load: { summary: 'the load stage, or load url <URL> / load render <scenario> --backend k6|k6-operator', run: loadCommand },
  chaos: { summary: 'chaos experiments on the local replica, or chaos render <experiment> --backend chaos-mesh', run: chaosCommand },
  rollout: { summary: 'canary, blue-green, flags, read-only and maintenance drills; rollout compare <run> <run>', run: rolloutCommand },
  migrations: { summary: 'migrations check|lint: Flyway-compatible dry run on a clone, lock-safety lint', run: migrationsCommand },
  release: { summary: 'release check: SemVer, pinned digests, scans, P1 SLA, drift (no replica needed)', run: releaseCommand },
  rng: { summary: 'rng test: NIST SP 800-22 and output-level battery on an RNG dump', run: (argv, io) => rngCommand(argv, io) },
  cleanup: { summary: 'remove what crashed runs left behind (processes, databases, faults)', run: cleanupCommand },
  serve: { summary: 'HTTP promotion gate for Flagger: 200 only on a fresh GO report, else 403 with the reason', run: serveCommand },
};

export function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((c) => c.length));
  return `greenlight ${TOOL_VERSION} — release verification for online-casino platforms

Usage: greenlight <command> [options]

Commands:
${Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`).join('\n')}

Run \`greenlight <command> --help\` for a command's options.
Exit codes: 0 GO · 1 NO-GO · 2 INCONCLUSIVE · 64 usage or config error (nothing ran).`;
}

/** The one error boundary: config errors → 64 with every issue; anything unexpected → 2, called a bug. */
export async function main(argv: string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') return line(io.stdout, usage()), name ? 0 : EXIT.USAGE;
  if (name === '--version' || name === '-v') return line(io.stdout, TOOL_VERSION), 0;
  const command = COMMANDS[name];
  if (!command) {
    line(io.stderr, `greenlight: unknown command "${name}"\n`);
    line(io.stderr, usage());
    return EXIT.USAGE;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof ConfigError) {
      line(io.stderr, `greenlight ${name}: ${error.issues.length} problem${error.issues.length === 1 ? '' : 's'}; nothing ran:`);
      for (const issue of error.issues) line(io.stderr, `  ${formatIssue(issue)}`);
      if (error.hint) line(io.stderr, `hint: ${error.hint}`);
      return EXIT.USAGE;
    }
    line(io.stderr, `greenlight ${name}: internal error (this is a bug in greenlight, please report it): ${(error as Error)?.stack ?? String(error)}`);
    return EXIT.INCONCLUSIVE;
  }
}
