import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import type { RunContext } from '../core/run-context.ts';
import { errorMessage } from '../core/errors.ts';
import { discoverChromium, type BrowserDiscovery } from './browser.ts';
import type { SmokeConfig } from './config.ts';
import { parsePlaywrightReport, type UiAttempt, type UiTest } from './ui-report.ts';
import { killGroup, runPlaywright } from './ui-runner.ts';

export interface UiTestResult {
  title: string;
  outcome: UiTest['outcome'];
  attempts: Omit<UiAttempt, 'attachments'>[];
  /** Screenshots and traces of failed attempts, relative to the run directory. */
  evidence: string[];
}

/** What the browser journey saw: a closed set, so "could not run" never looks like "ran and passed". */
export type UiObservation =
  | { state: 'off' }
  | { state: 'capability_missing'; message: string }
  | { state: 'broken'; reason: 'timeout' | 'interrupted' | 'harness_error'; message: string; durationMs: number }
  | { state: 'ran'; exitCode: number; durationMs: number; browser: string; tests: UiTestResult[]; errors: string[] };

export interface UiJourneyDeps {
  discover?: () => BrowserDiscovery;
  /** Another Playwright config. */
  configFile?: string;
  /** Only the browser tests whose title matches (Playwright's `--grep`). */
  grep?: string;
}

/** Runs the Playwright specs against `baseUrl` and copies the evidence of every failed attempt into the artifacts dir. */
export async function observeUi(ctx: RunContext, config: SmokeConfig, baseUrl: string, deps: UiJourneyDeps = {}): Promise<UiObservation> {
  const browser = (deps.discover ?? discoverChromium)();
  if (!browser.found) {
    ctx.log.warn(browser.message);
    return { state: 'capability_missing', message: browser.message };
  }
  const workDir = await mkdtemp(join(tmpdir(), `greenlight-smoke-${ctx.runId}-`));
  const scratch = ctx.cleanup.register(`smoke playwright scratch ${workDir}`, () => rm(workDir, { recursive: true, force: true }), { type: 'path', path: workDir });
  try {
    ctx.progress(`browser journey against ${baseUrl}${config.pool ? ` (pool ${config.pool})` : ''} with ${browser.executablePath}`);
    let group: { run(): Promise<void> } | undefined;
    const run = await runPlaywright({
      baseUrl, pool: config.pool, executablePath: browser.executablePath,
      retries: config.retries, workers: config.workers,
      testTimeoutMs: config.timeouts.uiTestMs, expectTimeoutMs: config.timeouts.uiExpectMs, runTimeoutMs: config.timeouts.uiRunMs,
      workDir, signal: ctx.signal, browserMarker: `greenlight-run=${ctx.runId}`, configFile: deps.configFile, grep: deps.grep,
      onSpawn: (pid) => {
        group = ctx.cleanup.register(`playwright test (pid ${pid})`, () => killGroup(pid, 'SIGKILL'), { type: 'process', pid, command: 'playwright test', group: true });
      },
    });
    await group?.run();
    if (run.state === 'timeout' || run.state === 'interrupted') return { state: 'broken', reason: run.state, message: run.message, durationMs: run.durationMs };
    if (run.state === 'no-report') return { state: 'broken', reason: 'harness_error', message: run.message, durationMs: run.durationMs };
    let parsed: ReturnType<typeof parsePlaywrightReport>;
    try {
      parsed = parsePlaywrightReport(run.report);
    } catch (error) {
      return { state: 'broken', reason: 'harness_error', message: `Playwright's JSON report is unreadable: ${errorMessage(error)}`, durationMs: run.durationMs };
    }
    const tests = await Promise.all(parsed.tests.map((test) => keepEvidence(ctx, test)));
    const errors = run.exitCode !== 0 && parsed.errors.length === 0 && tests.length === 0 && run.stderrTail ? [run.stderrTail] : parsed.errors;
    return { state: 'ran', exitCode: run.exitCode, durationMs: run.durationMs, browser: browser.executablePath, tests, errors };
  } finally {
    await scratch.run();
  }
}

async function keepEvidence(ctx: RunContext, test: UiTest): Promise<UiTestResult> {
  const evidence: string[] = [];
  const dir = join(ctx.artifactsDir, 'ui', slug(test.title));
  for (const attempt of test.attempts) {
    if (attempt.status === 'passed' || attempt.status === 'skipped') continue;
    const kept = attempt.attachments.filter((a) => a.name === 'screenshot' || a.name === 'trace');
    for (const [index, attachment] of kept.entries()) {
      await mkdir(dir, { recursive: true });
      const target = join(dir, `attempt${attempt.retry + 1}-${index + 1}-${attachment.name}${extname(attachment.path)}`);
      try {
        await copyFile(attachment.path, target);
        evidence.push(ctx.artifact(target));
      } catch (error) {
        ctx.log.warn(`could not keep ${attachment.name} of "${test.title}": ${errorMessage(error)}`);
      }
    }
  }
  return { title: test.title, outcome: test.outcome, attempts: test.attempts.map(({ attachments: _a, ...rest }) => rest), evidence };
}

export function slug(title: string): string {
  return title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'test';
}
