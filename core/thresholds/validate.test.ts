import { describe, expect, it } from 'vitest';
import { formatIssue } from '../errors.ts';
import type { MetricDescriptor } from '../metrics.ts';
import { validateThresholds } from './validate.ts';

const EMITS: MetricDescriptor[] = [
  { name: 'http_req_duration', type: 'trend', contains: 'time', tags: ['flow', 'status'] },
  { name: 'http_req_failed', type: 'rate', tags: ['flow'] },
  { name: 'payments_failed', type: 'counter' },
  { name: 'vus', type: 'gauge' },
];

const PREFIX = 'stages.load.thresholds';

describe('validateThresholds', () => {
  it('accepts a well-formed spec', () => {
    const spec = {
      http_req_duration: ['p(95)<300', 'p(99.9) < 2000', 'avg<=200', 'p(95) <= +20%'],
      'http_req_duration{flow:deposit,status:200}': ['med<100', 'min>=0', 'max<5000'],
      http_req_failed: ['rate<0.01', { threshold: 'rate <= +10%', abortOnFail: true, delayAbortEval: '1m30s' }],
      payments_failed: ['count<1', 'rate<0.5'],
      vus: ['value>0'],
    };
    expect(validateThresholds(spec, EMITS, PREFIX)).toEqual([]);
  });

  it('lists every problem at once, each with its path', () => {
    const spec = {
      http_req_duration: ['p(95)<300', 'count<10', 'p(95<300', 'p(95) < 300'],
      'http_req_duration{region:eu}': ['avg<100'],
      http_reqs: ['count>0'],
      'payments_failed{': ['count<1'],
      payments_failed: ['p(95)<1', { threshold: 'count<1', abortOnFail: 'yes', delayAbortEval: 'soon', extra: 1 }, 42],
      vus: 'value>0',
      http_req_failed: [{ abortOnFail: true }, 'rate<20%'],
    };
    const messages = validateThresholds(spec, EMITS, PREFIX).map(formatIssue);
    expect(messages).toEqual([
      `${PREFIX}["http_req_duration"][1]: "count" is not defined for trend "http_req_duration"; allowed: avg, min, max, med, p(N)`,
      `${PREFIX}["http_req_duration"][2]: "p(95<300": column 3: expected ")" after percentile`,
      `${PREFIX}["http_req_duration"][3]: duplicate threshold "p(95) < 300" (same as ${PREFIX}["http_req_duration"][0])`,
      `${PREFIX}["http_req_duration{region:eu}"]: tag "region" is not set on "http_req_duration"; its tags: flow, status`,
      `${PREFIX}["http_reqs"]: unknown metric "http_reqs"; this stage emits: http_req_duration, http_req_failed, payments_failed, vus`,
      `${PREFIX}["payments_failed{"]: metric key "payments_failed{": column 16: expected "}" to close the tag filter`,
      `${PREFIX}["payments_failed"][0]: "p(95)" is not defined for counter "payments_failed"; allowed: count, rate`,
      `${PREFIX}["payments_failed"][1].extra: unknown field "extra"; allowed: threshold, abortOnFail, delayAbortEval`,
      `${PREFIX}["payments_failed"][1].abortOnFail: expected true or false`,
      `${PREFIX}["payments_failed"][1].delayAbortEval: expected a duration like "30s", "1m30s" or "500ms", got "soon"`,
      `${PREFIX}["payments_failed"][2]: expected a threshold string like "p(95)<300" or { threshold, abortOnFail?, delayAbortEval? }`,
      `${PREFIX}["vus"]: expected a list of thresholds, e.g. ["p(95)<300"]`,
      `${PREFIX}["http_req_failed"][0].threshold: expected a threshold string like "p(95)<300"`,
      `${PREFIX}["http_req_failed"][1]: "rate<20%": column 5: a relative threshold needs a sign: +N% or -N%`,
    ]);
  });

  it('treats differently ordered tag filters as the same sub-metric for duplicates', () => {
    const spec = {
      'http_req_duration{flow:spin,status:200}': ['p(95)<300'],
      'http_req_duration{status:200,flow:spin}': ['p(95)<300.0'],
    };
    expect(validateThresholds(spec, EMITS, PREFIX).map((issue) => issue.path)).toEqual([
      `${PREFIX}["http_req_duration{status:200,flow:spin}"][0]`,
    ]);
  });

  it('says when a metric carries no tags or the stage emits nothing', () => {
    expect(validateThresholds({ 'vus{flow:spin}': ['value>0'] }, EMITS, 'p').map((issue) => issue.message)).toEqual([
      'tag "flow" is not set on "vus"; it carries no tags',
    ]);
    expect(validateThresholds({ vus: ['value>0'] }, [], 'p').map((issue) => issue.message)).toEqual([
      'unknown metric "vus"; this stage emits no metrics',
    ]);
  });

  it('rejects a spec that is not an object', () => {
    expect(validateThresholds(['p(95)<300'], EMITS, PREFIX)).toEqual([
      { path: PREFIX, message: 'expected an object of metric → list of thresholds', expected: '{ "http_req_duration": ["p(95)<300"] }' },
    ]);
  });
});
