import { resolve } from 'node:path';
import { reapLeftovers } from '../../core/cleanup/reap.ts';
import { DEFAULTS, ENV_VARS } from '../../core/config/defaults.ts';
import { parseCommandArgs } from '../args.ts';
import { line, type CliIO } from '../io.ts';

export const CLEANUP_HELP = `Usage: greenlight cleanup [options]

Finds what crashed runs left behind (processes, temp databases and directories, injected faults,
cluster objects), by the run-id leases under <output-dir>/leases/, and removes it. Runs whose process
still lives are left alone unless --force.

Options:
      --run <run-id>      only this run's leftovers
      --force             also reap runs whose process is still alive
      --output-dir <dir>  state directory [env GREENLIGHT_OUTPUT_DIR, default .greenlight]
  -h, --help              show this help

Exit codes: 0 nothing left behind · 1 something could not be removed.`;

export async function cleanupCommand(argv: string[], io: CliIO): Promise<number> {
  const { values } = parseCommandArgs('cleanup', argv, { run: { type: 'string' }, force: { type: 'boolean' }, 'output-dir': { type: 'string' } }, false);
  if (values.help) return line(io.stdout, CLEANUP_HELP), 0;
  const stateDir = resolve(io.cwd, values['output-dir'] ?? io.env[ENV_VARS.outputDir] ?? DEFAULTS.outputDir);
  const results = await reapLeftovers({ stateDir, runId: values.run, force: values.force, fetch: io.fetch });
  if (results.length === 0) line(io.stdout, `no leftovers in ${stateDir}`);
  let failed = 0;
  for (const r of results) {
    if (r.ownerAlive && !values.force) {
      line(io.stdout, `run ${r.runId}: still running (its process lives); use --force to reap it anyway`);
      continue;
    }
    line(io.stdout, `run ${r.runId}: removed ${r.removed.length}${r.failed.length ? `, FAILED ${r.failed.length}` : ''}`);
    for (const what of r.removed) line(io.stdout, `  removed ${what}`);
    for (const what of r.failed) line(io.stderr, `  could not remove ${what}`);
    failed += r.failed.length;
  }
  return failed > 0 ? 1 : 0;
}
