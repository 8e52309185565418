import { describe, expect, it } from 'vitest';
import { parseThreshold, type ParsedThreshold } from './parse-expression.ts';
import { ThresholdSyntaxError } from './syntax-error.ts';

type Expected = Omit<ParsedThreshold, 'source'>;

const valid: Array<[string, Expected]> = [
  ['count<1', { method: 'count', operator: '<', value: 1, relative: false }],
  ['rate<0.01', { method: 'rate', operator: '<', value: 0.01, relative: false }],
  ['value>=10', { method: 'value', operator: '>=', value: 10, relative: false }],
  ['avg<=200', { method: 'avg', operator: '<=', value: 200, relative: false }],
  ['min>0', { method: 'min', operator: '>', value: 0, relative: false }],
  ['max==3', { method: 'max', operator: '===', value: 3, relative: false }],
  ['med===3', { method: 'med', operator: '===', value: 3, relative: false }],
  ['count!=0', { method: 'count', operator: '!=', value: 0, relative: false }],
  ['p(95)<300', { method: 'p(95)', operator: '<', value: 300, relative: false }],
  ['p(99.9)<2000', { method: 'p(99.9)', operator: '<', value: 2000, relative: false }],
  ['p(0)>=0', { method: 'p(0)', operator: '>=', value: 0, relative: false }],
  ['p(100)<1', { method: 'p(100)', operator: '<', value: 1, relative: false }],
  ['p(99.90)<1', { method: 'p(99.9)', operator: '<', value: 1, relative: false }],
  ['  p(95)   <   300.5  ', { method: 'p(95)', operator: '<', value: 300.5, relative: false }],
  ['p(95) <= +20%', { method: 'p(95)', operator: '<=', value: 20, relative: true }],
  ['rate <= +10%', { method: 'rate', operator: '<=', value: 10, relative: true }],
  ['avg < -5%', { method: 'avg', operator: '<', value: -5, relative: true }],
  ['count >= -2.5%', { method: 'count', operator: '>=', value: -2.5, relative: true }],
];

describe('parseThreshold: valid expressions', () => {
  it.each(valid)('%s', (expression, expected) => {
    expect(parseThreshold(expression)).toEqual({ source: expression, ...expected });
  });
});

const malformed: Array<[string, number, string]> = [
  ['p(95<300', 3, 'expected ")" after percentile'],
  ['p(95)300', 5, 'expected an operator: <, <=, >, >=, ==, ===, !='],
  ['avg', 3, 'expected an operator: <, <=, >, >=, ==, ===, !='],
  ['avg=300', 3, '"=" is not an operator; use "==" or "==="'],
  ['<300', 0, 'expected an aggregation method before the operator'],
  ['p95<300', 0, 'unknown aggregation method "p95"; did you mean p(95)?'],
  ['mean<300', 0, 'unknown aggregation method "mean"; expected one of count, rate, value, avg, min, max, med, p(N)'],
  ['p()<300', 2, 'expected a number in p(N), e.g. p(95)'],
  ['p(abc)<1', 2, 'expected a number in p(N), e.g. p(95)'],
  ['p(101)<300', 2, 'percentile must be between 0 and 100, got 101'],
  ['p(9x)<3', 3, 'expected ")" after percentile'],
  ['p(95)<', 6, 'expected a number after the operator'],
  ['p(95)<abc', 6, 'expected a number, e.g. 300'],
  ['p(95)<300ms', 9, 'unexpected "ms" after the number; values are plain numbers in the metric\'s unit (ms for time trends)'],
  ['p(95)<3.', 8, 'expected a digit after the decimal point'],
  ['p(95)<20%', 6, 'a relative threshold needs a sign: +N% or -N%'],
  ['p(95)<=+20', 10, 'expected "%" after a relative value, e.g. +20%'],
  ['p(95)<=+%', 8, 'expected a number after the sign, e.g. +20%'],
  ['p(95)<=+20%x', 11, 'unexpected "x" after the threshold'],
  ['avg<-5', 6, 'expected "%" after a relative value, e.g. +20%'],
  ['avg < 1e3', 7, 'unexpected "e3" after the number; values are plain numbers in the metric\'s unit (ms for time trends)'],
];

describe('parseThreshold: malformed expressions', () => {
  it.each(malformed)('%s → column %i', (expression, column, reason) => {
    let caught: unknown;
    try {
      parseThreshold(expression);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ThresholdSyntaxError);
    const error = caught as ThresholdSyntaxError;
    expect({ column: error.column, reason: error.reason }).toEqual({ column, reason });
    expect(error.message).toBe(`column ${column}: ${reason}`);
  });

  it('draws a caret under the column', () => {
    expect(() => parseThreshold('p(95<300')).toThrow('column 3: expected ")" after percentile');
    try {
      parseThreshold('p(95<300');
    } catch (error) {
      expect((error as ThresholdSyntaxError).caretLine).toBe('p(95<300\n   ^');
    }
    expect.assertions(2);
  });
});
