import { chaosRender, chaosRun, SHIPPED_EXPERIMENT_NAMES } from '../../chaos/index.ts';
import { list, parseCommandArgs } from '../args.ts';
import { line, type CliIO } from '../io.ts';
import { runCommand } from './run.ts';

export const CHAOS_HELP = `Usage: greenlight chaos [run options]                      every shipped experiment on the local replica (= run --only chaos)
       greenlight chaos run <experiment>[,<experiment>…] [--duration-scale N] [--json]
       greenlight chaos render <experiment> --backend chaos-mesh [--namespace NS] [--run-id ID]

Experiments (Chaos Toolkit's model: steady state before and after, faults under background load, rollbacks,
money invariants after): ${SHIPPED_EXPERIMENT_NAMES.join(', ')}.
Every fault carries a TTL its injector enforces; Ctrl-C removes it before exit, and \`greenlight cleanup\`
removes what a killed run left. render prints PodChaos / NetworkChaos / StressChaos YAML, validated
against the Chaos Mesh CRDs and labelled with the run id.

Exit codes: 0 GO · 1 NO-GO (the steady state deviated) · 2 INCONCLUSIVE (could not run) · 64 bad input.`;

export async function chaosCommand(argv: string[], io: CliIO): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === '--help' || sub === '-h') return line(io.stdout, CHAOS_HELP), 0;
  if (sub === 'render') {
    const { values, positionals } = parseCommandArgs('chaos render', rest, { backend: { type: 'string' }, namespace: { type: 'string' }, 'run-id': { type: 'string' }, 'duration-scale': { type: 'string' } });
    if (values.help) return line(io.stdout, CHAOS_HELP), 0;
    return chaosRender({
      experiment: positionals[0], backend: values.backend, namespace: values.namespace, runId: values['run-id'],
      durationScale: values['duration-scale'] === undefined ? undefined : Number(values['duration-scale']), stdout: io.stdout, stderr: io.stderr,
    });
  }
  if (sub === 'run') {
    const { values, positionals } = parseCommandArgs('chaos run', rest, { 'duration-scale': { type: 'string' }, release: { type: 'string' }, baseline: { type: 'string' }, json: { type: 'boolean' }, 'output-dir': { type: 'string' } });
    if (values.help) return line(io.stdout, CHAOS_HELP), 0;
    const abort = new AbortController();
    const stop = () => abort.abort();
    io.signals?.on('SIGINT', stop);
    io.signals?.on('SIGTERM', stop);
    try {
      return await chaosRun({
        experiment: positionals.flatMap((p) => list(p) ?? []), release: values.release, baseline: values.baseline, json: values.json,
        durationScale: values['duration-scale'] === undefined ? undefined : Number(values['duration-scale']),
        stateDir: values['output-dir'], cwd: io.cwd, signal: abort.signal, stdout: io.stdout, stderr: io.stderr,
      });
    } finally {
      io.signals?.off('SIGINT', stop);
      io.signals?.off('SIGTERM', stop);
    }
  }
  return runCommand(['--only', 'chaos', ...argv], io);
}
