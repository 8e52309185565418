import { describe, expect, it } from 'vitest';
import type { MetricKey } from '../metrics.ts';
import { parseThresholdKey } from './parse-key.ts';
import { ThresholdSyntaxError } from './syntax-error.ts';

const valid: Array<[string, MetricKey]> = [
  ['http_req_duration', { name: 'http_req_duration', tags: {} }],
  ['http_req_duration{flow:deposit}', { name: 'http_req_duration', tags: { flow: 'deposit' } }],
  ['http_req_duration{flow:deposit,status:200}', { name: 'http_req_duration', tags: { flow: 'deposit', status: '200' } }],
  ['http_req_duration{ flow : deposit , status:200 }', { name: 'http_req_duration', tags: { flow: 'deposit', status: '200' } }],
  ['group_duration{group:::withdraw}', { name: 'group_duration', tags: { group: '::withdraw' } }],
  ['checks{expected_response:true}', { name: 'checks', tags: { expected_response: 'true' } }],
];

describe('parseThresholdKey: valid keys', () => {
  it.each(valid)('%s', (input, expected) => {
    expect(parseThresholdKey(input)).toEqual(expected);
  });
});

const malformed: Array<[string, number, string]> = [
  ['', 0, 'expected a metric name'],
  ['{flow:deposit}', 0, 'expected a metric name'],
  ['http_req_duration{flow:deposit', 30, 'expected "}" to close the tag filter'],
  ['http_req_duration}', 17, 'unexpected "}" without an opening "{"'],
  ['http_req_duration{flow:deposit}x', 31, 'unexpected text after "}"'],
  ['http_req_duration{}', 18, 'expected at least one tag:value inside {}'],
  ['http_req_duration{flow}', 22, 'expected ":" in tag "flow" (tag:value)'],
  ['http_req_duration{flow:}', 23, 'expected a value for tag "flow"'],
  ['http_req_duration{:deposit}', 18, 'expected a tag name before ":"'],
  ['m{a:1,a:2}', 6, 'tag "a" appears twice'],
  ['http-req{a:1}', 4, 'a metric name has letters, digits, "_" and "." and starts with a letter or "_"'],
];

describe('parseThresholdKey: malformed keys', () => {
  it.each(malformed)('%j → column %i', (input, column, reason) => {
    const error = (() => {
      try {
        parseThresholdKey(input);
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(ThresholdSyntaxError);
    expect({ column: (error as ThresholdSyntaxError).column, reason: (error as ThresholdSyntaxError).reason }).toEqual({ column, reason });
  });
});
