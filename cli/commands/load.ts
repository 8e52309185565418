import { loadUrl, renderLoad } from '../../scenarios/index.ts';
import { parseCommandArgs } from '../args.ts';
import { line, type CliIO } from '../io.ts';
import { runCommand } from './run.ts';

export const LOAD_HELP = `Usage: greenlight load [run options]             the load stage on the local replica (= run --only load)
       greenlight load url <URL> --rate <n/s> --duration <e.g. 20s> [--method GET] [--json]
       greenlight load render <scenario> --backend k6|k6-operator [--parallelism N] [--base-url URL] [--out FILE]

url     an open-model constant arrival rate at one URL (loopback only); prints p50/p90/p95/p99/p99.9/max in
        ms, counts and dropped arrivals; --json gives a summary with k6 metric names. Latency is measured
        from the intended send time (no coordinated omission).
render  writes a shipped scenario (flash-spins, mass-registrations, steady-mix) or a YAML/JSON scenario file
        as a k6 TypeScript script, or as a k6-operator TestRun plus the ConfigMap holding the script.

Options (url):
      --rate <n>          arrivals per second
      --duration <d>      e.g. 20s, 1m
      --method <m>        GET (default), HEAD, POST, …
      --workers <n>       worker threads (default: one per core)
      --precise           spin for sub-millisecond send times (costs a core)
      --json              machine-readable summary
  -h, --help              show this help

Exit codes (url): 0 clean · 1 failed or dropped requests · 2 unhealthy generator or nothing measured · 64 bad input.`;

export async function loadCommand(argv: string[], io: CliIO): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === '--help' || sub === '-h') return line(io.stdout, LOAD_HELP), 0;
  if (sub === 'url') {
    const { values, positionals } = parseCommandArgs('load url', rest, {
      rate: { type: 'string' }, duration: { type: 'string' }, method: { type: 'string' }, workers: { type: 'string' },
      precise: { type: 'boolean' }, json: { type: 'boolean' },
    });
    if (values.help || positionals.length !== 1 || !values.rate || !values.duration) return line(values.help ? io.stdout : io.stderr, LOAD_HELP), values.help ? 0 : 64;
    const abort = new AbortController();
    const stop = () => abort.abort();
    io.signals?.on('SIGINT', stop);
    try {
      return await loadUrl({
        url: positionals[0]!, rate: values.rate, duration: values.duration, method: values.method, json: values.json,
        workers: values.workers === undefined ? undefined : Number(values.workers), precise: values.precise,
        signal: abort.signal, stdout: io.stdout, stderr: io.stderr,
      });
    } finally {
      io.signals?.off('SIGINT', stop);
    }
  }
  if (sub === 'render') {
    const { values, positionals } = parseCommandArgs('load render', rest, {
      backend: { type: 'string' }, parallelism: { type: 'string' }, 'base-url': { type: 'string' }, namespace: { type: 'string' }, out: { type: 'string' },
    });
    if (values.help || positionals.length !== 1 || !values.backend) return line(values.help ? io.stdout : io.stderr, LOAD_HELP), values.help ? 0 : 64;
    return renderLoad({
      scenario: positionals[0]!, backend: values.backend, parallelism: values.parallelism, baseUrl: values['base-url'],
      namespace: values.namespace, out: values.out, cwd: io.cwd, stdout: io.stdout, stderr: io.stderr,
    });
  }
  return runCommand(['--only', 'load', ...argv], io);
}
