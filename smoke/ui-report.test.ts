import { describe, expect, it } from 'vitest';
import { parsePlaywrightReport } from './ui-report.ts';
import { report, result, spec } from './testing/playwright-json.ts';

const ESC = String.fromCharCode(27);

describe('parsePlaywrightReport', () => {
  it('reads every test with its attempts, nested describe titles included', () => {
    const parsed = parsePlaywrightReport(report(
      [spec('spin', 'expected', [result('passed', 0, { duration: 812.6 })])],
      { nested: [spec('withdraw', 'flaky', [result('failed', 0, { error: 'boom' }), result('passed', 1)])] },
    ));
    expect(parsed.tests).toEqual([
      { title: 'spin', file: 'journey.spec.ts', outcome: 'expected', attempts: [{ retry: 0, status: 'passed', durationMs: 813, error: undefined, attachments: [] }] },
      {
        title: 'lobby › withdraw', file: 'journey.spec.ts', outcome: 'flaky',
        attempts: [{ retry: 0, status: 'failed', durationMs: 1000, error: 'boom', attachments: [] }, { retry: 1, status: 'passed', durationMs: 1000, error: undefined, attachments: [] }],
      },
    ]);
  });

  it.each([
    { name: 'strips colours and keeps the locator line', error: `${ESC}[31mError: expect(locator).toHaveText(expected) failed${ESC}[39m\n\nLocator: getByTestId('balance')\nExpected: "19.00"\nReceived: "20.00"\nTimeout: 4000ms`, want: 'Error: expect(locator).toHaveText(expected) failed — Locator: getByTestId(\'balance\') — Expected: "19.00" — Received: "20.00"' },
    { name: 'names the control a click waited for', error: 'TimeoutError: locator.click: Timeout 4000ms exceeded.\nCall log:\n  - waiting for getByTestId(\'withdraw-submit\')\n', want: "TimeoutError: locator.click: Timeout 4000ms exceeded. — - waiting for getByTestId('withdraw-submit')" },
    { name: 'keeps a one-line message as is', error: 'Test timeout of 20000ms exceeded.', want: 'Test timeout of 20000ms exceeded.' },
  ])('error message: $name', ({ error, want }) => {
    const parsed = parsePlaywrightReport(report([spec('t', 'unexpected', [result('failed', 0, { error })])]));
    expect(parsed.tests[0]?.attempts[0]?.error).toBe(want);
  });

  it('keeps only attachments that are files', () => {
    const attachments = [
      { name: 'screenshot', contentType: 'image/png', path: '/tmp/a.png' },
      { name: 'error-context', contentType: 'text/markdown' },
    ];
    const parsed = parsePlaywrightReport(report([spec('t', 'unexpected', [result('failed', 0, { error: 'x', attachments })])]));
    expect(parsed.tests[0]?.attempts[0]?.attachments).toEqual([attachments[0]]);
  });

  it('reports errors outside tests', () => {
    expect(parsePlaywrightReport(report([], { errors: ['SyntaxError: Unexpected token'] })).errors).toEqual(['SyntaxError: Unexpected token']);
  });

  it.each([null, 'text', { suites: 'no' }, { suites: [{ title: 'x', specs: [{ title: 't', file: 'f', tests: [{ status: 'weird', results: [] }] }] }] }])('throws on something that is not a report: %j', (json) => {
    expect(() => parsePlaywrightReport(json)).toThrow();
  });
});
