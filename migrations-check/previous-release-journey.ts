import { execa } from 'execa';
import { errorMessage } from '../core/errors.ts';
import { runApiJourney, type ApiStepId } from '../smoke/index.ts';
import type { PreviousReleaseJourney } from './previous-release.ts';

/** How to start the previous release's api against a database: a command configured by environment variables. */
export interface JourneySpec {
  command: string[];
  /** Values may use `${database}` (the migrated clone) and `${name}` for every value the stage provides. */
  env: Record<string, string>;
  /** The player API steps that need no other service than the api and its database. */
  steps: ApiStepId[];
  readyTimeoutMs: number;
  requestTimeoutMs: number;
}

const READY = /^GREENLIGHT_READY (\{.*\})$/m;

/**
 * Starts the previous release's api on the migrated clone and runs the player journey against it: during a rolling
 * deploy the old code must keep working on the new schema. The process is stopped on every path.
 */
export function processJourney(spec: JourneySpec, values: Record<string, string>, signal: AbortSignal): PreviousReleaseJourney {
  return async (migratedUrl) => {
    const fill = (text: string) => text.replace(/\$\{(\w+)\}/g, (_, name: string) => (name === 'database' ? migratedUrl : (values[name] ?? '')));
    const env = Object.fromEntries(Object.entries(spec.env).map(([k, v]) => [k, fill(v)]));
    const [file, ...args] = spec.command.map(fill);
    const child = execa(file!, args, { env: { ...env, PORT: '0', HOST: '127.0.0.1' }, stdin: 'pipe', reject: false, cancelSignal: signal, forceKillAfterDelay: 2000 });
    try {
      const port = await readyPort(child, spec.readyTimeoutMs);
      const results = await runApiJourney({
        fetch: globalThis.fetch, baseUrl: `http://127.0.0.1:${port}`, requestTimeoutMs: spec.requestTimeoutMs, settleMs: 5000, signal, steps: spec.steps,
      });
      const failures = results.filter((r) => r.status !== 'pass').map((r) => r.message);
      return { ok: failures.length === 0 && results.length > 0, failures: results.length === 0 ? ['no journey step ran'] : failures };
    } catch (error) {
      return { ok: false, failures: [`the previous release could not be started on the migrated schema: ${errorMessage(error)}`] };
    } finally {
      child.kill('SIGTERM');
      await child;
    }
  };
}

function readyPort(child: ReturnType<typeof execa>, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`previous release api not ready after ${timeoutMs} ms: ${err.slice(-300)}`)), timeoutMs);
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = READY.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve((JSON.parse(match[1]!) as { port: number }).port);
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => void (err += chunk.toString()));
    void child.then((result) => {
      clearTimeout(timer);
      reject(new Error(`it exited (${result.exitCode ?? result.signal ?? result.shortMessage}) before it was ready: ${err.slice(-300)}`));
    });
  });
}
