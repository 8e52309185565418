import { check, type Check } from '../../core/check.ts';
import type { BatteryResult, BatteryTestResult } from './battery.ts';
import type { RtpResult } from './rtp.ts';

export interface EvaluateBatteryConfig {
  /** Prefix of check ids, e.g. `rng.raw` or `rng.roulette`. Default `rng`. */
  idPrefix?: string;
  /** Default true. */
  blocking?: boolean;
}

function minimum(values: number[]): number {
  return values.length === 0 ? Number.NaN : values.reduce((a, b) => (b < a || Number.isNaN(b) ? b : a), values[0]!);
}

function testCheck(test: BatteryTestResult, result: BatteryResult, prefix: string, blocking: boolean): Check {
  const id = `${prefix}.${test.id}`;
  const title = `RNG ${test.id} test`;
  if (test.status === 'not-applicable') {
    return check({ id, title, status: 'skipped', blocking: false, observed: null, reason: 'insufficient_samples', samples: test.sampleSize, message: `not applicable: ${test.reason ?? ''}` });
  }
  const pValue = minimum(test.pValues);
  const adjusted = test.adjustedPValue ?? Number.NaN;
  const passed = test.status === 'pass';
  return check({
    id,
    title,
    status: passed ? 'pass' : 'fail',
    blocking,
    observed: adjusted,
    threshold: `adjusted p >= ${Number(result.alpha.toPrecision(6))}`,
    samples: test.sampleSize,
    ...(passed ? {} : { reason: 'threshold_breached' as const }),
    message: passed
      ? `${test.id}: smallest P-value ${pValue.toPrecision(4)} (adjusted ${adjusted.toPrecision(4)}) on ${test.sampleSize} ${test.unit}`
      : `${test.id} rejects randomness: smallest P-value ${pValue.toPrecision(4)} (adjusted ${adjusted.toPrecision(4)} < α = ${result.alpha.toPrecision(3)}) on ${test.sampleSize} ${test.unit}`,
    statistics: { test: test.id, sampleSize: test.sampleSize, pValue, confidence: result.confidence, adjustedPValue: adjusted, correction: result.correctionName },
  });
}

/**
 * Checks for a battery result: one per test (not-applicable ones are non-blocking `skipped`), plus an overall check
 * that is `inconclusive` when nothing was applicable, so no data never passes.
 */
export function evaluateBattery(result: BatteryResult, config: EvaluateBatteryConfig = {}): Check[] {
  const prefix = config.idPrefix ?? 'rng';
  const blocking = config.blocking ?? true;
  const checks = result.tests.map((test) => testCheck(test, result, prefix, blocking));
  const applicable = result.tests.filter((t) => t.status !== 'not-applicable');
  const overall = result.verdict === 'pass' ? 'pass' : result.verdict === 'fail' ? 'fail' : 'inconclusive';
  const smallest = minimum(applicable.map((t) => t.adjustedPValue ?? Number.NaN));
  checks.push(
    check({
      id: `${prefix}.battery`,
      title: 'RNG statistical battery',
      status: overall,
      blocking,
      observed: `${applicable.length - result.failed.length}/${applicable.length} tests passed`,
      threshold: `every applicable test passes at ${result.confidence * 100}% after ${result.correctionName}`,
      samples: Math.max(result.sampleSize.bits, result.sampleSize.words, result.sampleSize.outcomes),
      ...(overall === 'fail' ? { reason: 'threshold_breached' as const } : overall === 'inconclusive' ? { reason: 'insufficient_samples' as const } : {}),
      message:
        overall === 'pass'
          ? `${applicable.length} applicable tests passed (${result.pValueCount} P-values; ${result.correctionName})`
          : overall === 'fail'
            ? `failed: ${result.failed.join(', ')}`
            : 'no test was applicable: the sample is too small to judge',
      ...(applicable.length > 0 && !Number.isNaN(smallest)
        ? { statistics: { test: 'battery: smallest adjusted P-value', sampleSize: Math.max(result.sampleSize.bits, result.sampleSize.words, result.sampleSize.outcomes), pValue: smallest, adjustedPValue: smallest, confidence: result.confidence, correction: result.correctionName } }
        : {}),
    }),
  );
  return checks;
}

/** One check for an RTP verification; it states test, sample size, confidence and P-value. */
export function evaluateRtp(result: RtpResult, config: { id?: string; blocking?: boolean } = {}): Check {
  const pValue = Math.min(result.zPValue, result.chiSquare?.pValue ?? 1);
  const adjusted = Math.min(result.adjustedPValues.z, result.adjustedPValues.chiSquare ?? 1);
  const interval = `[${(result.interval[0] * 100).toFixed(3)}%, ${(result.interval[1] * 100).toFixed(3)}%]`;
  return check({
    id: config.id ?? 'rng.rtp',
    title: 'Return to player matches the declared RTP',
    status: result.spins < 2 ? 'inconclusive' : result.pass ? 'pass' : 'fail',
    blocking: config.blocking ?? true,
    observed: result.observedRtp,
    unit: 'fraction',
    threshold: `declared ${result.declaredRtp} inside the ${result.confidence * 100}% interval; paytable χ² P >= ${(1 - result.confidence).toPrecision(3)}`,
    samples: result.spins,
    ...(result.spins < 2 ? { reason: 'insufficient_samples' as const } : result.pass ? {} : { reason: 'threshold_breached' as const }),
    message: result.pass
      ? `observed RTP ${(result.observedRtp * 100).toFixed(3)}% ${interval} over ${result.spins} spins${result.spinsNeeded ? `; ${result.spinsNeeded} spins give ±${(result.precision! * 100).toFixed(2)}%` : ''}`
      : result.findings.join('; '),
    statistics: { test: 'rtp z-test + paytable chi-square', sampleSize: result.spins, pValue, confidence: result.confidence, adjustedPValue: adjusted, correction: 'Holm–Bonferroni' },
  });
}
