import { smoke } from '../../smoke/index.ts';
import { parseCommandArgs } from '../args.ts';
import { line, type CliIO } from '../io.ts';
import { runCommand } from './run.ts';

export const SMOKE_HELP = `Usage: greenlight smoke [--target URL] [options]

The player journey — register/log in, balance, spin, deposit (plain and 3-D Secure), withdraw — in
headless Chromium (Playwright Test) and over the API. Without --target it stands up the local staging
replica and runs the smoke stage there (same as \`greenlight run --only smoke\`).

Options:
      --target <url>     smoke a running platform at this URL instead of the local replica
      --pool <name>      pin every request to a pool: blue | green | canary
      --no-ui            API journey only (no browser)
      --no-api           browser journey only
      --retries <n>      browser test retries (a pass on retry is reported as flaky), default 1
      --release <semver> the release label in the report
      --json             verdict and checks as JSON (with --target)
  -h, --help             show this help

Browser: PLAYWRIGHT_CHROMIUM_EXECUTABLE, else a system Chromium (apt-get install chromium), else
Playwright's own. With none, the UI checks are inconclusive, never passed.
Exit codes: 0 GO · 1 NO-GO · 2 INCONCLUSIVE · 64 usage error.`;

export async function smokeCommand(argv: string[], io: CliIO): Promise<number> {
  const { values } = parseCommandArgs('smoke', argv, {
    target: { type: 'string' }, pool: { type: 'string' }, 'no-ui': { type: 'boolean' }, 'no-api': { type: 'boolean' },
    retries: { type: 'string' }, release: { type: 'string' }, json: { type: 'boolean' }, 'output-dir': { type: 'string' },
  }, false);
  if (values.help) return line(io.stdout, SMOKE_HELP), 0;
  if (!values.target) {
    return runCommand(['--only', 'smoke', ...(values.release ? ['--release', values.release] : []), ...(values['output-dir'] ? ['--output-dir', values['output-dir']] : [])], io);
  }
  const abort = new AbortController();
  const onSignal = () => abort.abort(new Error('interrupted'));
  io.signals?.on('SIGINT', onSignal);
  io.signals?.on('SIGTERM', onSignal);
  try {
    return await smoke({
      target: values.target, pool: values.pool, ui: !values['no-ui'], api: !values['no-api'],
      retries: values.retries === undefined ? undefined : Number(values.retries), json: values.json, release: values.release,
      stateDir: values['output-dir'], cwd: io.cwd, signal: abort.signal, stdout: io.stdout, stderr: io.stderr,
    });
  } finally {
    io.signals?.off('SIGINT', onSignal);
    io.signals?.off('SIGTERM', onSignal);
  }
}
