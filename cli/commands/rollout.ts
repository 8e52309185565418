import { rolloutCompare, rolloutRun } from '../../rollout/index.ts';
import { list, parseCommandArgs } from '../args.ts';
import { line, type CliIO } from '../io.ts';
import { runCommand } from './run.ts';

export const ROLLOUT_HELP = `Usage: greenlight rollout [run options]                every drill on the local replica (= run --only rollout)
       greenlight rollout run [--drills canary,blue-green,flags,read-only,maintenance] [--defects green:slow-spin] [--json]
       greenlight rollout compare <before-run> <after-run> [--target URL] [--json]

Drills, rehearsed on the staging replica before production sees them:
  canary       weight 5% → 25% → 50% → 100% under steady load; each step compares candidate with baseline
               (Mann-Whitney U with Hodges-Lehmann shift and an effect-size floor, +20% latency / +10% 5xx);
               on failure the weight returns to 0 and the rollback time is measured
  blue-green   smoke on green, an instant switch under load with zero failed requests, smoke after, a timed rollback
  flags        new flags default off; on takes effect without a restart; off restores the old behaviour
  read-only    writes answer 503 with Retry-After, reads are served, no money lost in flight
  maintenance  a scheduled window announced 24 h and 1 h before, and the banner in the UI
compare        judges a target's latency and errors between two stored runs (run ids or run directories).

Exit codes: 0 GO · 1 NO-GO · 2 INCONCLUSIVE · 64 bad input.`;

export async function rolloutCommand(argv: string[], io: CliIO): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === '--help' || sub === '-h') return line(io.stdout, ROLLOUT_HELP), 0;
  if (sub === 'compare') {
    const { values, positionals } = parseCommandArgs('rollout compare', rest, { target: { type: 'string' }, json: { type: 'boolean' }, 'output-dir': { type: 'string' } });
    if (values.help) return line(io.stdout, ROLLOUT_HELP), 0;
    return rolloutCompare({ before: positionals[0], after: positionals[1], target: values.target, json: values.json, stateDir: values['output-dir'], cwd: io.cwd, stdout: io.stdout, stderr: io.stderr });
  }
  if (sub === 'run') {
    const { values } = parseCommandArgs('rollout run', rest, {
      drills: { type: 'string' }, defects: { type: 'string' }, release: { type: 'string' }, baseline: { type: 'string' }, json: { type: 'boolean' }, 'output-dir': { type: 'string' },
    }, false);
    if (values.help) return line(io.stdout, ROLLOUT_HELP), 0;
    const abort = new AbortController();
    const stop = () => abort.abort();
    io.signals?.on('SIGINT', stop);
    io.signals?.on('SIGTERM', stop);
    try {
      return await rolloutRun({
        drills: list(values.drills), defects: list(values.defects), candidate: values.release, baseline: values.baseline, json: values.json,
        stateDir: values['output-dir'], cwd: io.cwd, signal: abort.signal, stdout: io.stdout, stderr: io.stderr,
      });
    } finally {
      io.signals?.off('SIGINT', stop);
      io.signals?.off('SIGTERM', stop);
    }
  }
  return runCommand(['--only', 'rollout', ...argv], io);
}
