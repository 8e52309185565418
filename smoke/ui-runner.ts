import { execa } from 'execa';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { errorMessage } from '../core/errors.ts';
import { UI_ENV } from './ui-env.ts';

export const PLAYWRIGHT_CONFIG = fileURLToPath(new URL('./playwright.config.ts', import.meta.url));

export interface PlaywrightRunOptions {
  baseUrl: string;
  pool?: string;
  executablePath: string;
  retries: number;
  workers: number;
  testTimeoutMs: number;
  expectTimeoutMs: number;
  /** The whole run; past it the process group is killed. */
  runTimeoutMs: number;
  /** Playwright's output (screenshots, traces) and the JSON report go here. */
  workDir: string;
  signal: AbortSignal;
  /** Appended to every browser's command line as `--<marker>`. */
  browserMarker?: string;
  /** Called with the child's pid as soon as it exists (to register its cleanup). */
  onSpawn?(pid: number): void;
  configFile?: string;
  /** Only tests whose title matches (Playwright's `--grep`). */
  grep?: string;
}

export type PlaywrightRun =
  | { state: 'finished'; exitCode: number; report: unknown; durationMs: number; stderrTail: string }
  | { state: 'no-report'; exitCode: number | undefined; durationMs: number; message: string }
  | { state: 'timeout'; durationMs: number; message: string }
  | { state: 'interrupted'; durationMs: number; message: string };

const KILL_GRACE_MS = 2000;

/**
 * Runs Playwright Test as a child in its own process group, with the JSON reporter. A deadline or an
 * aborted signal kills the whole group (workers and browsers with it), so no browser outlives the run.
 */
export async function runPlaywright(options: PlaywrightRunOptions): Promise<PlaywrightRun> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const reportFile = join(options.workDir, 'report.json');
  const cli = createRequire(import.meta.url).resolve('@playwright/test/cli');
  const child = execa(process.execPath, [cli, 'test', '--config', options.configFile ?? PLAYWRIGHT_CONFIG, ...(options.grep ? ['--grep', options.grep] : [])], {
    env: {
      [UI_ENV.baseUrl]: options.baseUrl,
      [UI_ENV.pool]: options.pool ?? '',
      [UI_ENV.executable]: options.executablePath,
      [UI_ENV.jsonReport]: reportFile,
      [UI_ENV.outputDir]: join(options.workDir, 'output'),
      [UI_ENV.retries]: String(options.retries),
      [UI_ENV.workers]: String(options.workers),
      [UI_ENV.testTimeoutMs]: String(options.testTimeoutMs),
      [UI_ENV.expectTimeoutMs]: String(options.expectTimeoutMs),
      [UI_ENV.runMarker]: options.browserMarker ?? '',
      PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1',
      FORCE_COLOR: '0',
    },
    detached: true,
    reject: false,
    stdin: 'ignore',
    all: false,
  });
  if (child.pid !== undefined) options.onSpawn?.(child.pid);

  let stopped: 'timeout' | 'interrupted' | undefined;
  const stop = (why: 'timeout' | 'interrupted') => {
    if (stopped) return;
    stopped = why;
    killGroup(child.pid, 'SIGTERM');
    setTimeout(() => killGroup(child.pid, 'SIGKILL'), KILL_GRACE_MS).unref();
  };
  const timer = setTimeout(() => stop('timeout'), options.runTimeoutMs);
  const onAbort = () => stop('interrupted');
  options.signal.addEventListener('abort', onAbort, { once: true });
  if (options.signal.aborted) onAbort();
  try {
    const result = await child;
    killGroup(child.pid, 'SIGKILL');
    if (stopped === 'timeout') return { state: 'timeout', durationMs: elapsed(), message: `Playwright Test not finished after ${options.runTimeoutMs} ms; its processes were killed` };
    if (stopped === 'interrupted') return { state: 'interrupted', durationMs: elapsed(), message: 'the run was interrupted; Playwright Test and its browsers were killed' };
    const stderrTail = tail(String(result.stderr ?? ''));
    try {
      const report: unknown = JSON.parse(await readFile(reportFile, 'utf8'));
      return { state: 'finished', exitCode: result.exitCode ?? -1, report, durationMs: elapsed(), stderrTail };
    } catch (error) {
      const why = result.failed && result.exitCode === undefined ? result.message : errorMessage(error);
      return { state: 'no-report', exitCode: result.exitCode, durationMs: elapsed(), message: `Playwright Test wrote no JSON report (${why})${stderrTail ? `: ${stderrTail}` : ''}` };
    }
  } finally {
    clearTimeout(timer);
    options.signal.removeEventListener('abort', onAbort);
  }
}

/** Signals the child's whole process group; it may already be gone. */
export function killGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // ESRCH: the group has already exited.
  }
}

function tail(text: string): string {
  return text.trim().split('\n').slice(-5).join('\n').slice(-800);
}
