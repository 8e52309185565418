import type { Check } from '../../core/check.ts';
import type { Report, StageReport } from '../report.ts';
import { formatObserved, formatStatistics, releaseLine, stageErrorLine } from './format.ts';
import { escapeXmlAttribute as attr, escapeXmlText as text } from './text.ts';

interface Counts {
  tests: number;
  failures: number;
  errors: number;
  skipped: number;
}

interface Case {
  name: string;
  seconds: number;
  outcome: 'pass' | 'failure' | 'error' | 'skipped';
  type?: string;
  message: string;
  details: string;
  systemOut?: string;
}

/**
 * junit.xml: one <testsuite> per stage, one <testcase> per check. Only pass and warn count as passing;
 * inconclusive and error are errors (never a pass), a stage that could not run is one error testcase.
 */
export function renderJUnit(report: Report): string {
  const suites = report.stages.map((stage) => ({ stage, cases: stageCases(stage) }));
  const total = sum(suites.map((s) => count(s.cases)));
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${attr(`greenlight ${releaseLine(report)}: ${report.verdict}`)}" tests="${total.tests}" failures="${total.failures}" errors="${total.errors}" skipped="${total.skipped}" time="${seconds(report.durationMs)}" timestamp="${attr(report.startedAt)}">`,
  ];
  for (const { stage, cases } of suites) lines.push(...renderSuite(report, stage, cases));
  lines.push('</testsuites>', '');
  return lines.join('\n');
}

function renderSuite(report: Report, stage: StageReport, cases: Case[]): string[] {
  const c = count(cases);
  const timestamp = stage.startedAt ? ` timestamp="${attr(stage.startedAt)}"` : '';
  const lines = [
    `  <testsuite name="${attr(stage.title)}" id="${attr(stage.id)}" tests="${c.tests}" failures="${c.failures}" errors="${c.errors}" skipped="${c.skipped}" time="${seconds(stage.durationMs)}"${timestamp}>`,
    '    <properties>',
    `      <property name="stage.status" value="${attr(stage.status)}"/>`,
    `      <property name="run.id" value="${attr(report.runId)}"/>`,
    `      <property name="run.verdict" value="${attr(report.verdict)}"/>`,
    '    </properties>',
  ];
  for (const testCase of cases) lines.push(...renderCase(stage, testCase));
  lines.push('  </testsuite>');
  return lines;
}

function renderCase(stage: StageReport, c: Case): string[] {
  const open = `    <testcase classname="${attr(stage.id)}" name="${attr(c.name)}" time="${c.seconds.toFixed(3)}"`;
  const type = c.type ? ` type="${attr(c.type)}"` : '';
  const body: string[] = [];
  if (c.outcome === 'failure' || c.outcome === 'error') {
    body.push(`      <${c.outcome} message="${attr(c.message)}"${type}>${text(c.details)}</${c.outcome}>`);
  } else if (c.outcome === 'skipped') {
    body.push(`      <skipped message="${attr(c.message)}"/>`);
  }
  if (c.systemOut) body.push(`      <system-out>${text(c.systemOut)}</system-out>`);
  return body.length === 0 ? [`${open}/>`] : [`${open}>`, ...body, '    </testcase>'];
}

function stageCases(stage: StageReport): Case[] {
  const cases = stage.checks.map(checkCase);
  const couldNotRun = stage.error !== undefined || (stage.checks.length === 0 && stage.status !== 'passed' && stage.status !== 'skipped');
  if (couldNotRun) {
    const kind = stage.error?.kind ?? stage.status;
    const message = `stage ${stageErrorLine(stage) ?? `ended ${stage.status} without any check`}`;
    cases.unshift({ name: `${stage.title}: stage could not run`, seconds: stage.durationMs / 1000, outcome: 'error', type: kind, message, details: message });
  } else if (stage.checks.length === 0 && stage.status === 'skipped') {
    cases.push({ name: `${stage.title}: stage skipped`, seconds: 0, outcome: 'skipped', message: 'stage skipped', details: '' });
  }
  return cases;
}

function checkCase(check: Check): Case {
  const base = { name: check.title, seconds: (check.durationMs ?? 0) / 1000, details: details(check) };
  const blockingNote = check.blocking ? '' : ' [non-blocking]';
  switch (check.status) {
    case 'pass':
      return { ...base, outcome: 'pass', message: check.message };
    case 'warn':
      return { ...base, outcome: 'pass', message: check.message, systemOut: `warning${blockingNote}: ${check.message}\n${base.details}` };
    case 'fail':
      return { ...base, outcome: 'failure', type: check.reason ?? 'fail', message: `${check.blocking ? 'blocking' : 'non-blocking'} failure: ${check.message}` };
    case 'inconclusive':
      return { ...base, outcome: 'error', type: check.reason ?? 'inconclusive', message: `inconclusive${blockingNote} (not a pass): ${check.message}` };
    case 'error':
      return { ...base, outcome: 'error', type: check.reason ?? 'error', message: `error${blockingNote}: ${check.message}` };
    case 'skipped':
      return { ...base, outcome: 'skipped', message: `skipped${blockingNote}: ${check.message}` };
  }
}

function details(check: Check): string {
  const lines = [
    `check: ${check.id}`,
    `status: ${check.status}${check.blocking ? ' (blocking)' : ' (non-blocking)'}`,
    `observed: ${formatObserved(check)}`,
  ];
  if (check.threshold) lines.push(`threshold: ${check.threshold}`);
  if (check.reason) lines.push(`reason: ${check.reason}`);
  if (check.samples !== undefined) lines.push(`samples: ${check.samples}`);
  if (check.statistics) lines.push(`statistics: ${formatStatistics(check.statistics)}`);
  if (check.evidence.length > 0) lines.push(`evidence: ${check.evidence.join(', ')}`);
  lines.push(`message: ${check.message}`);
  return lines.join('\n');
}

function count(cases: readonly Case[]): Counts {
  return {
    tests: cases.length,
    failures: cases.filter((c) => c.outcome === 'failure').length,
    errors: cases.filter((c) => c.outcome === 'error').length,
    skipped: cases.filter((c) => c.outcome === 'skipped').length,
  };
}

function sum(all: readonly Counts[]): Counts {
  return all.reduce((a, b) => ({ tests: a.tests + b.tests, failures: a.failures + b.failures, errors: a.errors + b.errors, skipped: a.skipped + b.skipped }), { tests: 0, failures: 0, errors: 0, skipped: 0 });
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}
