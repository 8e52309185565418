import { check, type Check } from '../core/check.ts';
import type { ApiStepResult } from './api-journey.ts';
import type { SmokeConfig } from './config.ts';
import { slug, type UiObservation, type UiTestResult } from './ui-journey.ts';

export interface SmokeObservation {
  /** The URL smoked, or null when neither `target` nor an environment named one. */
  target: string | null;
  pool?: string;
  api?: ApiStepResult[];
  ui: UiObservation;
  summary?: Record<string, unknown>;
}

/** Pure: one check per API step and per browser test; anything that could not run is never a pass. */
export function evaluateSmoke(config: SmokeConfig, observation: SmokeObservation): Check[] {
  const blocking = config.blocking;
  if (!observation.target) {
    return [check({ id: 'smoke:target', title: 'Smoke target', status: 'inconclusive', blocking, observed: null, reason: 'no_data', message: 'no target to smoke: pass --target URL or run inside an environment with an edge URL' })];
  }
  const checks: Check[] = [];
  if (config.api) checks.push(...apiChecks(observation.api, blocking));
  if (config.ui) checks.push(...uiChecks(observation.ui, blocking));
  return checks;
}

export function apiChecks(steps: ApiStepResult[] | undefined, blocking: boolean): Check[] {
  if (!steps || steps.length === 0) {
    return [check({ id: 'api:journey', title: 'API journey', status: 'inconclusive', blocking, observed: null, reason: 'no_data', message: 'the API journey did not run' })];
  }
  return steps.map((step) =>
    check({
      id: `api:${step.step}`,
      title: `API: ${step.title}`,
      status: step.status,
      blocking,
      observed: step.httpStatus ?? step.status,
      message: step.message,
      reason: step.reason,
      durationMs: step.durationMs,
    }),
  );
}

export function uiChecks(ui: UiObservation, blocking: boolean): Check[] {
  const runCheck = (status: Check['status'], reason: Check['reason'], message: string) =>
    check({ id: 'ui:run', title: 'Browser journey (Playwright Test)', status, blocking, observed: null, reason, message });
  switch (ui.state) {
    case 'off':
      return [];
    case 'capability_missing':
      return [runCheck('inconclusive', 'capability_missing', ui.message)];
    case 'broken':
      return [runCheck(ui.reason === 'harness_error' ? 'error' : 'inconclusive', ui.reason, ui.message)];
    case 'ran': {
      const checks = ui.tests.map((test) => testCheck(test, blocking));
      if (ui.errors.length > 0) checks.push(runCheck('error', 'harness_error', `Playwright Test reported errors outside the tests: ${ui.errors.join('; ')}`));
      else if (ui.tests.length === 0) checks.push(runCheck('inconclusive', 'no_data', 'Playwright Test ran no test'));
      else if (ui.exitCode !== 0 && !ui.tests.some((t) => t.outcome === 'unexpected')) {
        checks.push(runCheck('error', 'harness_error', `Playwright Test exited with ${ui.exitCode} although no test failed`));
      }
      return checks;
    }
  }
}

function testCheck(test: UiTestResult, blocking: boolean): Check {
  const base = {
    id: `ui:${slug(test.title)}`,
    title: `UI: ${test.title}`,
    blocking,
    evidence: test.evidence,
    samples: test.attempts.length,
    durationMs: test.attempts.reduce((sum, a) => sum + a.durationMs, 0),
  };
  const last = test.attempts.at(-1);
  const firstFailure = test.attempts.find((a) => a.status !== 'passed' && a.status !== 'skipped');
  const tries = test.attempts.length === 1 ? '' : ` (${test.attempts.length} attempts)`;
  switch (test.outcome) {
    case 'expected':
      if (last?.status === 'passed') return check({ ...base, status: 'pass', observed: 'passed', message: `passed in ${last.durationMs} ms` });
      return check({ ...base, status: 'skipped', observed: last?.status ?? null, message: 'the spec skipped this test' });
    case 'flaky':
      return check({ ...base, status: 'warn', observed: 'flaky', message: `flaky: passed only on retry ${last?.retry ?? '?'} after failing with: ${firstFailure?.error ?? 'an unknown error'}` });
    case 'skipped':
      return check({ ...base, status: 'skipped', observed: 'skipped', message: 'the spec skipped this test' });
    case 'unexpected': {
      if (last?.status === 'interrupted') return check({ ...base, status: 'inconclusive', observed: 'interrupted', reason: 'interrupted', message: 'the test was interrupted before it finished' });
      const timedOut = last?.status === 'timedOut';
      return check({
        ...base, status: 'fail', observed: last?.status ?? 'failed', reason: timedOut ? 'timeout' : 'threshold_breached',
        message: `${timedOut ? 'timed out' : 'failed'}${tries}: ${last?.error ?? firstFailure?.error ?? 'no error message'}`,
      });
    }
  }
}
