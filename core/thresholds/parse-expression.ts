import type { AggregationMethod } from '../metrics.ts';
import { ThresholdSyntaxError } from './syntax-error.ts';

/** `==` is read as `===`, as k6 does. */
export type ThresholdOperator = '<' | '<=' | '>' | '>=' | '===' | '!=';

export interface ParsedThreshold {
  /** The expression as written. */
  source: string;
  method: AggregationMethod;
  operator: ThresholdOperator;
  /** The bound in the metric's unit, or for a relative threshold the percentage (`+20%` → 20, `-5%` → -5). */
  value: number;
  /** `p(95) <= +20%`: compares (current − baseline) / baseline × 100 with `value`. */
  relative: boolean;
}

/** k6 splits on the first operator found, trying them in this order. */
const OPERATOR_SEARCH_ORDER = ['<=', '<', '>=', '>', '===', '==', '!='] as const;
const PLAIN_METHODS = new Set(['count', 'rate', 'value', 'avg', 'min', 'max', 'med']);
const FLOAT = /^\d+(?:\.\d+)?/;
const METHOD_LIST = 'count, rate, value, avg, min, max, med, p(N)';

/**
 * Parses `method operator value` in k6's grammar (`p(95)<300`, `rate < 0.01`, `p(99.9)<=2000`) and
 * Greenlight's baseline-relative form (`p(95) <= +20%`). Throws ThresholdSyntaxError with the column.
 */
export function parseThreshold(expression: string): ParsedThreshold {
  const found = findOperator(expression);
  if (!found) throw missingOperator(expression);
  const method = parseMethod(expression, 0, found.index);
  const { value, relative } = parseValue(expression, found.index + found.text.length);
  const operator: ThresholdOperator = found.text === '==' ? '===' : found.text;
  return { source: expression, method, operator, value, relative };
}

function findOperator(expression: string): { index: number; text: (typeof OPERATOR_SEARCH_ORDER)[number] } | undefined {
  for (const text of OPERATOR_SEARCH_ORDER) {
    const index = expression.indexOf(text);
    if (index !== -1) return { index, text };
  }
  return undefined;
}

function missingOperator(expression: string): ThresholdSyntaxError {
  const afterMethod = /^\s*(?:p\([^)]*\)|[A-Za-z]+)\s*/.exec(expression)?.[0].length ?? 0;
  const single = expression.indexOf('=');
  if (single !== -1) return new ThresholdSyntaxError(expression, single, '"=" is not an operator; use "==" or "==="');
  return new ThresholdSyntaxError(expression, afterMethod, 'expected an operator: <, <=, >, >=, ==, ===, !=');
}

function parseMethod(expression: string, from: number, to: number): AggregationMethod {
  const { text, start } = trimmed(expression, from, to);
  if (text === '') return fail(expression, to, 'expected an aggregation method before the operator');
  if (PLAIN_METHODS.has(text)) return text as AggregationMethod;
  if (text.startsWith('p(')) {
    const end = start + text.length - 1;
    if (!text.endsWith(')')) return fail(expression, end, 'expected ")" after percentile');
    const inner = text.slice(2, -1);
    const number = FLOAT.exec(inner)?.[0];
    if (number === undefined) return fail(expression, start + 2, 'expected a number in p(N), e.g. p(95)');
    if (number.length !== inner.length) return fail(expression, start + 2 + number.length, 'expected ")" after percentile');
    const percentile = Number(number);
    if (!(percentile >= 0 && percentile <= 100)) {
      return fail(expression, start + 2, `percentile must be between 0 and 100, got ${number}`);
    }
    return `p(${percentile})`;
  }
  const hint = /^p\d/.test(text) ? `; did you mean p(${text.slice(1)})?` : `; expected one of ${METHOD_LIST}`;
  return fail(expression, start, `unknown aggregation method "${text}"${hint}`);
}

function parseValue(expression: string, from: number): { value: number; relative: boolean } {
  const { text, start } = trimmed(expression, from, expression.length);
  if (text === '') return fail(expression, expression.length, 'expected a number after the operator');
  const sign = text[0] === '+' || text[0] === '-' ? text[0] : undefined;
  const body = sign ? text.slice(1) : text;
  const bodyStart = sign ? start + 1 : start;
  const number = FLOAT.exec(body)?.[0];
  if (number === undefined) {
    return fail(expression, bodyStart, sign ? 'expected a number after the sign, e.g. +20%' : 'expected a number, e.g. 300');
  }
  const rest = body.slice(number.length);
  const restStart = bodyStart + number.length;
  if (rest.startsWith('.')) return fail(expression, restStart + 1, 'expected a digit after the decimal point');
  if (sign) {
    if (!rest.startsWith('%')) return fail(expression, restStart, 'expected "%" after a relative value, e.g. +20%');
    if (rest.length > 1) return fail(expression, restStart + 1, `unexpected "${rest.slice(1)}" after the threshold`);
    return { value: sign === '-' ? -Number(number) : Number(number), relative: true };
  }
  if (rest.startsWith('%')) return fail(expression, start, 'a relative threshold needs a sign: +N% or -N%');
  if (rest !== '') {
    return fail(expression, restStart, `unexpected "${rest}" after the number; values are plain numbers in the metric's unit (ms for time trends)`);
  }
  return { value: Number(number), relative: false };
}

function trimmed(expression: string, from: number, to: number): { text: string; start: number } {
  const slice = expression.slice(from, to);
  const leading = slice.length - slice.trimStart().length;
  return { text: slice.trim(), start: from + leading };
}

function fail(expression: string, column: number, reason: string): never {
  throw new ThresholdSyntaxError(expression, column, reason);
}
