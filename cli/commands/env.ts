import { resolve } from 'node:path';
import { DEFAULTS, ENV_VARS } from '../../core/config/defaults.ts';
import { ConfigError } from '../../core/errors.ts';
import { envDown, envStatus, envUp } from '../../staging/local/commands.ts';
import { list, parseCommandArgs } from '../args.ts';
import { line, type CliIO } from '../io.ts';

export const ENV_HELP = `Usage: greenlight env up [options] | env down | env status

The local staging replica for a human to click around: embedded PostgreSQL, the reference platform's
services (edge, api, rng, psp) on loopback ports, a fault point on every link, and an autoscaler.

  up       start it and print the URLs and a demo login. Stays in the foreground until Ctrl-C, then
           removes everything it started; with --detach it keeps running until \`greenlight env down\`.
  down     stop a detached replica and verify no process or port is left
  status   show a detached replica's URLs and health

Options (up):
      --release <semver>     the release to run (default 1.5.0)
      --baseline <semver>    also run this release beside it (blue = baseline, green = release)
      --instances <n>        api instances per release (default 2)
      --defects <names>      known-bad behaviours for the release's api, comma-separated (e.g. slow-spin)
      --detach               keep running in the background
      --output-dir <dir>     state directory [default .greenlight]
  -h, --help                 show this help`;

export async function envCommand(argv: string[], io: CliIO): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub !== 'up' && sub !== 'down' && sub !== 'status') {
    const help = sub === '--help' || sub === '-h';
    line(help ? io.stdout : io.stderr, ENV_HELP);
    return help ? 0 : 64;
  }
  const { values } = parseCommandArgs(`env ${sub}`, rest, {
    release: { type: 'string' }, baseline: { type: 'string' }, instances: { type: 'string' }, defects: { type: 'string' },
    detach: { type: 'boolean' }, 'output-dir': { type: 'string' },
  }, false);
  if (values.help) return line(io.stdout, ENV_HELP), 0;
  const stateDir = resolve(io.cwd, values['output-dir'] ?? io.env[ENV_VARS.outputDir] ?? DEFAULTS.outputDir);
  if (sub === 'down') return (await envDown({ stateDir, stdout: io.stdout })).leftovers.length === 0 ? 0 : 1;
  if (sub === 'status') return (await envStatus({ stateDir, stdout: io.stdout })).running ? 0 : 1;

  const instances = values.instances === undefined ? undefined : Number(values.instances);
  if (instances !== undefined && !(Number.isInteger(instances) && instances >= 1 && instances <= 8)) {
    throw new ConfigError('usage', [{ path: '--instances', message: `"${values.instances}" is not a whole number from 1 to 8` }]);
  }
  const release = values.release ?? DEFAULTS.candidate;
  const releases = values.baseline ? [values.baseline, release] : [release];
  const defects = list(values.defects);
  const abort = new AbortController();
  const stop = () => abort.abort();
  io.signals?.on('SIGINT', stop);
  io.signals?.on('SIGTERM', stop);
  try {
    const result = await envUp({
      releases, instances, detach: values.detach, stateDir, stdout: io.stdout, signal: abort.signal,
      ...(defects ? { replica: { defects: { [values.baseline ? 'green' : 'blue']: defects } } } : {}),
    });
    return result.leftovers.length === 0 ? 0 : 1;
  } finally {
    io.signals?.off('SIGINT', stop);
    io.signals?.off('SIGTERM', stop);
  }
}
