import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DEFAULTS, ENV_VARS } from '../../core/config/defaults.ts';
import { ConfigError, errorMessage, type ConfigIssue } from '../../core/errors.ts';
import { watchTermination } from '../../core/runner/signals.ts';
import { parseDelay } from '../../core/thresholds/index.ts';
import { CONFIRM_PROMOTION_PATH, DEFAULT_SERVE_HOST, startGateServer } from '../../serve/server.ts';
import { parseCommandArgs } from '../args.ts';
import { line, type CliIO } from '../io.ts';

export const DEFAULT_SERVE_PORT = 8800;

export const SERVE_HELP = `Usage: greenlight serve [--host ${DEFAULT_SERVE_HOST}] [--port ${DEFAULT_SERVE_PORT}] [--runs-dir <dir>] [--max-age 1h]

Answers promotion questions from stored runs over HTTP, for a Flagger confirm-promotion webhook
(or anything that can call a URL). It never runs the gate itself: \`greenlight run\` writes the runs.

  POST|GET ${CONFIRM_PROMOTION_PATH}   200 only when the report is GO and fresh, else 403 + JSON reason
  GET      /reports/latest           the report's summary as JSON (404 none, 422 unreadable)
  GET      /healthz                  200 while listening

Which report: the latest run, or — when the Flagger payload's metadata.release or ?release= names a
release — the newest run of that release. Missing, unreadable, corrupt, newer-schema, stale, future-dated,
NO-GO and INCONCLUSIVE reports all answer 403: only a fresh GO promotes.

Options:
      --host <addr>       address to listen on (default ${DEFAULT_SERVE_HOST}; 0.0.0.0 inside a pod)
      --port <n>          port, 0 for any free one (default ${DEFAULT_SERVE_PORT})
      --runs-dir <dir>    where the runs are              [default $${ENV_VARS.outputDir}/runs, else ${DEFAULTS.outputDir}/runs]
      --max-age <d>       a GO older than this is stale, e.g. 30m, 1h, 2h30m (default 1h)
  -h, --help              show this help

Stops cleanly on Ctrl-C / SIGTERM (exit 0). Example (Flagger Canary):
  webhooks:
    - name: greenlight
      type: confirm-promotion
      url: http://greenlight.<namespace>${CONFIRM_PROMOTION_PATH}
      metadata: { release: "1.5.0" }`;

export async function serveCommand(argv: string[], io: CliIO): Promise<number> {
  const { values } = parseCommandArgs('serve', argv, { host: { type: 'string' }, port: { type: 'string' }, 'runs-dir': { type: 'string' }, 'max-age': { type: 'string' } }, false);
  if (values.help) return line(io.stdout, SERVE_HELP), 0;
  const issues: ConfigIssue[] = [];
  const portText = values.port ?? String(DEFAULT_SERVE_PORT);
  const port = /^\d{1,5}$/.test(portText) ? Number(portText) : NaN;
  if (!(port >= 0 && port <= 65_535)) issues.push({ path: '--port', message: `"${values.port}" is not a port`, expected: 'an integer 0..65535' });
  const maxAgeMs = parseDelay(values['max-age'] ?? '1h');
  if (maxAgeMs === undefined || maxAgeMs <= 0) issues.push({ path: '--max-age', message: `"${values['max-age']}" is not a duration above 0`, expected: 'e.g. 30m, 1h, 2h30m' });
  if (issues.length > 0) throw new ConfigError('usage', issues, 'run `greenlight serve --help`');
  const host = values.host ?? DEFAULT_SERVE_HOST;
  const runsDir = resolve(io.cwd, values['runs-dir'] ?? join(io.env[ENV_VARS.outputDir] || DEFAULTS.outputDir, 'runs'));

  let server: Awaited<ReturnType<typeof startGateServer>>;
  try {
    server = await startGateServer({ runsDir, host, port, maxAgeMs: maxAgeMs!, log: (text) => line(io.stdout, `${new Date().toISOString()} ${text}`) });
  } catch (error) {
    throw new ConfigError('listen_failed', [{ path: '--host/--port', message: `cannot listen on ${host}:${port}: ${errorMessage(error)}`, expected: 'a free port on a local address' }]);
  }
  line(io.stdout, `greenlight serve: listening on ${server.url} (runs ${runsDir}, a GO is fresh for ${Math.round(maxAgeMs! / 1000)} s)`);
  if (!existsSync(runsDir)) line(io.stdout, `greenlight serve: ${runsDir} does not exist yet; every promotion question is 403 until a run finishes`);

  const signal = await new Promise<string>((done) => {
    const stop = watchTermination(io.signals, (received) => (stop(), done(received)), () => {});
  });
  await server.close();
  line(io.stdout, `greenlight serve: ${signal}, stopped`);
  return 0;
}
