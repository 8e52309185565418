import { describe, expect, it } from 'vitest';
import { CHECK_STATUSES, type ReasonCode } from '../../core/check.ts';
import type { Verdict } from '../../core/verdict.ts';
import type { StageReport, StageStatus } from '../report.ts';
import { sampleReport } from '../testing/sample-report.ts';
import { jsonPointerToPath, reportSchemaV1, validateReport } from './validate.ts';

// Exhaustive records: adding a member to a TS union without updating these lists fails to typecheck.
const REASONS: Record<ReasonCode, true> = {
  threshold_breached: true, regression: true, no_data: true, insufficient_samples: true, baseline_missing: true,
  provider_error: true, timeout: true, interrupted: true, capability_missing: true, generator_unhealthy: true, harness_error: true,
};
const STAGE_STATUSES: Record<StageStatus, true> = { passed: true, failed: true, inconclusive: true, error: true, skipped: true, interrupted: true };
const VERDICTS: Record<Verdict, true> = { GO: true, 'NO-GO': true, INCONCLUSIVE: true };
const STAGE_ERROR_KINDS: Record<NonNullable<StageReport['error']>['kind'], true> = { timeout: true, interrupted: true, crash: true, capability_missing: true };

const defs = reportSchemaV1.$defs as Record<string, any>;
const props = reportSchemaV1.properties as Record<string, any>;

describe('report v1 schema', () => {
  it('accepts the realistic sample report', () => {
    expect(validateReport(sampleReport())).toEqual({ ok: true, errors: [], issues: [] });
  });

  it('keeps its closed enums equal to the TypeScript contracts', () => {
    expect(props.verdict.enum).toEqual(Object.keys(VERDICTS));
    expect(defs.check.properties.status.enum).toEqual([...CHECK_STATUSES]);
    expect(defs.check.properties.reason.enum.sort()).toEqual(Object.keys(REASONS).sort());
    expect(defs.stage.properties.status.enum.sort()).toEqual(Object.keys(STAGE_STATUSES).sort());
    expect(defs.stage.properties.error.properties.kind.enum.sort()).toEqual(Object.keys(STAGE_ERROR_KINDS).sort());
  });

  const broken: [string, (r: any) => void, string][] = [
    ['unknown check status', (r) => (r.stages[1].checks[0].status = 'passed'), 'stages[1].checks[0].status: has a value outside the allowed set (expected one of "pass", "warn", "fail", "inconclusive", "error", "skipped")'],
    ['unknown reason code', (r) => (r.stages[1].checks[0].reason = 'slow'), 'stages[1].checks[0].reason: has a value outside the allowed set'],
    ['missing blocking flag', (r) => delete r.stages[0].checks[1].blocking, 'stages[0].checks[1].blocking: is required but missing'],
    ['extra property', (r) => (r.stages[2].extra = 1), 'stages[2].extra: is not a known property of a v1 report'],
    ['verdict and exit code disagree', (r) => (r.exitCode = 0), 'exitCode: does not match the verdict (expected 1)'],
    ['bad timestamp', (r) => (r.startedAt = 'yesterday'), 'startedAt: must match format "date-time"'],
    ['p-value out of range', (r) => (r.stages[2].checks[0].statistics.pValue = 1.5), 'stages[2].checks[0].statistics.pValue: must be <= 1'],
    ['absolute evidence path', (r) => (r.stages[0].checks[0].evidence = ['/etc/passwd']), 'stages[0].checks[0].evidence[0]: must NOT be valid'],
    ['malformed sha256', (r) => (r.artifacts[0].sha256 = 'abc'), 'artifacts[0].sha256: must match pattern'],
    ['observed as an object', (r) => (r.stages[1].checks[0].observed = { p95: 1 }), 'stages[1].checks[0].observed: must be number,string,boolean,null'],
    ['wrong schema id', (r) => (r.schema = 'greenlight.report/v2'), 'schema: has the wrong value (expected "greenlight.report/v1")'],
  ];
  it.each(broken)('rejects %s with the JSON path', (_name, breakIt, expected) => {
    const report: any = sampleReport();
    breakIt(report);
    const result = validateReport(report);
    expect(result.ok).toBe(false);
    expect(result.errors.some((e) => e.startsWith(expected))).toBe(true);
  });

  it('reports every problem at once', () => {
    const report: any = sampleReport();
    report.verdict = 'MAYBE';
    delete report.runId;
    report.stages[0].status = 'ok';
    const paths = validateReport(report).issues.map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['verdict', 'runId', 'stages[0].status']));
  });
});

describe('jsonPointerToPath', () => {
  const cases: [string, string | undefined, string][] = [
    ['', undefined, '$'],
    ['', 'runId', 'runId'],
    ['/stages/1/checks/0/status', undefined, 'stages[1].checks[0].status'],
    ['/environment/urls/a~1b', undefined, 'environment.urls["a/b"]'],
    ['/stages/0/summary', 'p(95) ms', 'stages[0].summary["p(95) ms"]'],
  ];
  it.each(cases)('%s + %s → %s', (pointer, child, expected) => {
    expect(jsonPointerToPath(pointer, child)).toBe(expected);
  });
});
