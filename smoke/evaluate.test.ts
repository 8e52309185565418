import { describe, expect, it } from 'vitest';
import type { ApiStepResult } from './api-journey.ts';
import { smokeConfigSchema } from './config.ts';
import { apiChecks, evaluateSmoke, uiChecks } from './evaluate.ts';
import type { UiObservation, UiTestResult } from './ui-journey.ts';

const attempt = (status: UiTestResult['attempts'][number]['status'], retry = 0, error?: string) => ({ retry, status, durationMs: 500, error });
const ran = (tests: UiTestResult[], extra: Partial<Extract<UiObservation, { state: 'ran' }>> = {}): UiObservation => ({
  state: 'ran', exitCode: tests.some((t) => t.outcome === 'unexpected') ? 1 : 0, durationMs: 9000, browser: '/usr/bin/chromium', tests, errors: [], ...extra,
});
const test = (title: string, outcome: UiTestResult['outcome'], attempts: UiTestResult['attempts'], evidence: string[] = []): UiTestResult => ({ title, outcome, attempts, evidence });

describe('uiChecks', () => {
  it.each([
    { name: 'a passed test passes', t: test('spin', 'expected', [attempt('passed')]), want: { id: 'ui:spin', status: 'pass', durationMs: 500 } },
    { name: 'passed only on retry is a flaky warn, never hidden', t: test('spin', 'flaky', [attempt('failed', 0, 'boom'), attempt('passed', 1)], ['a.png']), want: { status: 'warn', observed: 'flaky', durationMs: 1000, evidence: ['a.png'], message: 'flaky: passed only on retry 1 after failing with: boom' } },
    { name: 'a failed test fails with its evidence', t: test('withdraw and pay', 'unexpected', [attempt('failed', 0, 'no withdraw-submit'), attempt('failed', 1, 'no withdraw-submit')], ['s.png', 't.zip']), want: { id: 'ui:withdraw-and-pay', status: 'fail', reason: 'threshold_breached', evidence: ['s.png', 't.zip'], message: 'failed (2 attempts): no withdraw-submit' } },
    { name: 'a timed-out test fails with reason timeout', t: test('t', 'unexpected', [attempt('timedOut', 0, 'Test timeout')]), want: { status: 'fail', reason: 'timeout' } },
    { name: 'an interrupted test is inconclusive', t: test('t', 'unexpected', [attempt('interrupted')]), want: { status: 'inconclusive', reason: 'interrupted' } },
    { name: 'a skipped test is skipped, not passed', t: test('t', 'skipped', [attempt('skipped')]), want: { status: 'skipped' } },
  ])('$name', ({ t, want }) => {
    const [only, ...rest] = uiChecks(ran([t]), true);
    expect(rest).toEqual([]);
    expect(only).toMatchObject({ blocking: true, ...want });
  });

  it.each([
    { name: 'no browser', ui: { state: 'capability_missing', message: 'install chromium' } as UiObservation, want: { id: 'ui:run', status: 'inconclusive', reason: 'capability_missing', message: 'install chromium' } },
    { name: 'run timed out', ui: { state: 'broken', reason: 'timeout', message: 'killed', durationMs: 1 } as UiObservation, want: { status: 'inconclusive', reason: 'timeout' } },
    { name: 'interrupted', ui: { state: 'broken', reason: 'interrupted', message: 'killed', durationMs: 1 } as UiObservation, want: { status: 'inconclusive', reason: 'interrupted' } },
    { name: 'no report', ui: { state: 'broken', reason: 'harness_error', message: 'no json', durationMs: 1 } as UiObservation, want: { status: 'error', reason: 'harness_error' } },
    { name: 'no test ran', ui: ran([]), want: { status: 'inconclusive', reason: 'no_data' } },
    { name: 'errors outside tests', ui: ran([], { errors: ['SyntaxError'] }), want: { status: 'error', reason: 'harness_error' } },
  ])('the run itself: $name', ({ ui, want }) => {
    expect(uiChecks(ui, true)).toEqual([expect.objectContaining({ blocking: true, observed: null, ...want })]);
  });

  it('a non-zero exit with every test passed is an error, not a pass', () => {
    const checks = uiChecks(ran([test('spin', 'expected', [attempt('passed')])], { exitCode: 1 }), true);
    expect(checks.map((c) => [c.id, c.status])).toEqual([['ui:spin', 'pass'], ['ui:run', 'error']]);
  });

  it('an unexpected non-zero exit is explained by the failing test alone', () => {
    const checks = uiChecks(ran([test('spin', 'unexpected', [attempt('failed', 0, 'x')])]), true);
    expect(checks.map((c) => c.id)).toEqual(['ui:spin']);
  });
});

describe('apiChecks', () => {
  const step = (s: Partial<ApiStepResult>): ApiStepResult => ({ step: 'deposit-card', title: 'deposit', status: 'pass', message: 'ok', durationMs: 12, ...s });
  it('one check per step, the failing one naming the request', () => {
    const checks = apiChecks([step({ step: 'register' }), step({ status: 'fail', httpStatus: 500, reason: 'threshold_breached', message: 'deposit-card: POST /wallet/deposits answered 500' }), step({ step: 'withdraw', status: 'skipped', message: 'not run' })], false);
    expect(checks.map((c) => [c.id, c.status, c.observed, c.blocking])).toEqual([
      ['api:register', 'pass', 'pass', false], ['api:deposit-card', 'fail', 500, false], ['api:withdraw', 'skipped', 'skipped', false],
    ]);
    expect(checks[1]?.message).toBe('deposit-card: POST /wallet/deposits answered 500');
  });
  it('no steps at all is inconclusive', () => {
    expect(apiChecks([], true)).toEqual([expect.objectContaining({ id: 'api:journey', status: 'inconclusive', reason: 'no_data' })]);
  });
});

describe('evaluateSmoke', () => {
  const config = smokeConfigSchema.parse({});
  it('without a target nothing passes', () => {
    expect(evaluateSmoke(config, { target: null, ui: { state: 'off' } })).toEqual([expect.objectContaining({ id: 'smoke:target', status: 'inconclusive' })]);
  });
  it('a journey that is on but did not report is inconclusive', () => {
    const checks = evaluateSmoke(config, { target: 'http://127.0.0.1:1', ui: { state: 'off' } });
    expect(checks.map((c) => [c.id, c.status])).toEqual([['api:journey', 'inconclusive']]);
  });
});

describe('smokeConfigSchema', () => {
  it('fills defaults', () => {
    expect(smokeConfigSchema.parse({})).toMatchObject({ ui: true, api: true, retries: 1, blocking: true, timeouts: { uiRunMs: 120_000, settleMs: 15_000 } });
  });
  it.each([
    [{ pool: 'purple' }, ['pool']],
    [{ target: 'not a url' }, ['target']],
    [{ ui: false, api: false }, ['ui']],
    [{ retries: 9, timeouts: { uiTestMs: -1 } }, ['retries', 'timeouts.uiTestMs']],
    [{ pool: 'x', ui: false, api: false }, ['pool', 'ui']],
    [{ extra: 1 }, ['']],
  ])('rejects %j at %j', (input, paths) => {
    const parsed = smokeConfigSchema.safeParse(input);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.path.join('.'))).toEqual(paths);
  });
});
