import type { AggregationMethod, MetricDescriptor, MetricKey } from '../metrics.ts';
import { percentileOf } from '../metrics/index.ts';
import type { ParsedThreshold, ThresholdOperator } from './parse-expression.ts';

/** The unit an aggregate is in: ms for time, B for data, per second for a counter's rate. */
export function defaultUnit(descriptor: MetricDescriptor | undefined, method: AggregationMethod): string | undefined {
  if (!descriptor) return undefined;
  if (descriptor.type === 'counter') return method === 'rate' ? '/s' : undefined;
  if (descriptor.type === 'rate') return undefined;
  if (descriptor.contains === 'time') return 'ms';
  if (descriptor.contains === 'data') return 'B';
  return undefined;
}

export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const rounded = Math.abs(value) < 1 && value !== 0 ? Number(value.toPrecision(3)) : Number(value.toFixed(3));
  return String(rounded);
}

export function withUnit(value: number, unit: string | undefined): string {
  if (!unit) return formatNumber(value);
  return unit.startsWith('/') ? `${formatNumber(value)}${unit}` : `${formatNumber(value)} ${unit}`;
}

export function formatPercent(value: number): string {
  if (value === Infinity) return '+∞%';
  if (value === -Infinity) return '−∞%';
  return `${value > 0 ? '+' : ''}${formatNumber(value)}%`;
}

export function keyWords(key: MetricKey): string {
  const tags = Object.entries(key.tags).map(([name, value]) => `${name}=${value}`);
  return tags.length > 0 ? `${key.name} (${tags.join(', ')})` : key.name;
}

export function methodWords(method: AggregationMethod, descriptor: MetricDescriptor | undefined): string {
  const percentile = percentileOf(method);
  if (percentile !== undefined) return `${ordinal(percentile)} percentile`;
  const words: Record<string, string> = {
    count: 'count',
    rate: descriptor?.type === 'counter' ? 'rate per second' : 'rate',
    value: 'value',
    avg: 'average',
    min: 'minimum',
    max: 'maximum',
    med: 'median',
  };
  return words[method] ?? method;
}

const OPERATOR_WORDS: Record<ThresholdOperator, string> = {
  '<': 'below',
  '<=': 'at most',
  '>': 'above',
  '>=': 'at least',
  '===': 'equal to',
  '!=': 'not equal to',
};

/** e.g. "95th percentile of http_req_duration (flow=deposit) below 300 ms". */
export function thresholdTitle(key: MetricKey, parsed: ParsedThreshold, descriptor: MetricDescriptor | undefined, unit: string | undefined): string {
  const subject = `${methodWords(parsed.method, descriptor)} of ${keyWords(key)}`;
  const bound = parsed.relative ? `${formatPercent(parsed.value)} vs the baseline` : withUnit(parsed.value, unit);
  return `${subject} ${OPERATOR_WORDS[parsed.operator]} ${bound}`;
}

function ordinal(value: number): string {
  if (!Number.isInteger(value)) return `${value}th`;
  const lastTwo = value % 100;
  if (lastTwo >= 11 && lastTwo <= 13) return `${value}th`;
  return `${value}${{ 1: 'st', 2: 'nd', 3: 'rd' }[value % 10] ?? 'th'}`;
}
