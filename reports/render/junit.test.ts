import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import type { Check, CheckStatus } from '../../core/check.ts';
import type { Report } from '../report.ts';
import { sampleReport } from '../testing/sample-report.ts';
import { renderJUnit } from './junit.ts';

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => ['testsuite', 'testcase'].includes(name) });

function parse(xml: string): any {
  expect(XMLValidator.validate(xml)).toBe(true);
  return parser.parse(xml).testsuites;
}

function oneCheckReport(check: Partial<Check>): Report {
  const report = sampleReport();
  report.stages = [{ ...report.stages[0]!, checks: [{ id: 'c', title: 'C', status: 'pass', blocking: true, message: 'm', evidence: [], ...check }] }];
  return report;
}

describe('renderJUnit', () => {
  it('gives one suite per stage, one case per check, and the right totals', () => {
    const suites = parse(renderJUnit(sampleReport()));
    expect(suites).toMatchObject({ tests: '10', failures: '2', errors: '2', skipped: '1', time: '162.500' });
    expect(suites.testsuite.map((s: any) => [s.id, s.tests, s.failures, s.errors, s.skipped])).toEqual([
      ['smoke', '4', '0', '0', '1'],
      ['load', '3', '2', '0', '0'],
      ['rng', '3', '0', '2', '0'],
    ]);
    const load = suites.testsuite[1].testcase;
    expect(load[0]).toMatchObject({ classname: 'load', name: 'Spin latency p(95)' });
    expect(load[1].failure.message).toBe('non-blocking failure: 5xx rate grew 31% against 1.4.0');
    expect(load[0].failure.message).toContain('<script>alert(1)</script>');
  });

  it('turns a stage that could not run into one error testcase', () => {
    const rng = parse(renderJUnit(sampleReport())).testsuite[2];
    expect(rng.testcase[0]).toMatchObject({ name: 'RNG battery: stage could not run', time: '60.000' });
    expect(rng.testcase[0].error).toMatchObject({ type: 'timeout', message: 'stage timed out: stage timed out after 60000 ms' });
  });

  const mapping: [CheckStatus, boolean, string, RegExp | undefined][] = [
    ['pass', true, 'none', undefined],
    ['warn', true, 'system-out', /^warning: m/],
    ['fail', true, 'failure', /^blocking failure: m/],
    ['fail', false, 'failure', /^non-blocking failure: m/],
    ['inconclusive', true, 'error', /^inconclusive \(not a pass\): m/],
    ['error', true, 'error', /^error: m/],
    ['skipped', true, 'skipped', /^skipped: m/],
  ];
  it.each(mapping)('maps %s (blocking %s) to %s', (status, blocking, element, message) => {
    const testcase = parse(renderJUnit(oneCheckReport({ status, blocking }))).testsuite[0].testcase[0];
    const children = Object.keys(testcase).filter((k) => !['classname', 'name', 'time'].includes(k));
    expect(children).toEqual(element === 'none' ? [] : [element]);
    if (message) {
      const node = testcase[element];
      expect(typeof node === 'string' ? node : node.message).toMatch(message);
    }
  });

  it('escapes markup, quotes and control characters so the XML stays well-formed', () => {
    const nasty = 'a & b < c > d "q" \'s\' \u0001\u0008 \u001b[31mred\u001b[0m ]]> \ud800 end';
    const xml = renderJUnit(oneCheckReport({ status: 'fail', title: nasty, message: nasty }));
    const testcase = parse(xml).testsuite[0].testcase[0];
    expect(testcase.name).toBe('a & b < c > d "q" \'s\' \\u0001\\u0008 red ]]> \\ud800 end');
    expect(testcase.failure.message).toContain('\\u0001');
    expect(xml).not.toMatch(/[\u0001\u0008\u001b]/);
  });
});
