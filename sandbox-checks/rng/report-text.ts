import type { BatteryResult } from './battery.ts';

function formatP(p: number): string {
  if (Number.isNaN(p)) return 'NaN';
  return p === 0 || p >= 1e-4 ? p.toFixed(6) : p.toExponential(2);
}

/** A plain-text table of a battery result, one line per test. */
export function formatBatteryText(result: BatteryResult, source: string): string {
  const { bits, words, outcomes } = result.sampleSize;
  const lines = [
    `RNG battery on ${source}: ${bits} bits, ${words} words, ${outcomes} outcomes`,
    `confidence ${(result.confidence * 100).toFixed(2).replace(/\.?0+$/, '')}% (α = ${result.alpha.toPrecision(3)}), ${result.correctionName} over ${result.familySize} tests (${result.pValueCount} P-values)`,
    '',
    `${'test'.padEnd(28)}${'status'.padEnd(16)}${'min P'.padEnd(14)}${'adjusted P'.padEnd(16)}P-values`,
  ];
  for (const test of result.tests) {
    if (test.status === 'not-applicable') {
      lines.push(`${test.id.padEnd(28)}${'not-applicable'.padEnd(16)}${test.reason ?? ''}`);
      continue;
    }
    const minP = Math.min(...test.pValues);
    const minAdjusted = test.adjustedPValue ?? Number.NaN;
    lines.push(`${test.id.padEnd(28)}${test.status.padEnd(16)}${formatP(minP).padEnd(14)}${formatP(minAdjusted).padEnd(16)}${test.pValues.length}`);
  }
  lines.push('');
  if (result.verdict === 'fail') lines.push(`FAIL: ${result.failed.join(', ')}`);
  else if (result.verdict === 'pass') lines.push('PASS: every applicable test passed');
  else lines.push('INCONCLUSIVE: no test was applicable');
  return `${lines.join('\n')}\n`;
}
