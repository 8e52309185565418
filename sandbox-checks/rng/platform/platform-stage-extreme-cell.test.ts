import { randomInt } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { extremeCellTest } from './platform-stage-extreme-cell.ts';

const uniform = (n: number, cells: number) => Array.from({ length: n }, () => randomInt(cells));
/** The biased-rng-mapping defect: raw bytes scaled by a float. */
const floatScaled = (n: number) => Array.from({ length: n }, () => Math.floor((randomInt(256) / 255) * 31));

describe('extremeCellTest', () => {
  it.each([
    ['too few outcomes', Array(100).fill(0), false, undefined],
    ['a value outside the range', [...uniform(1000, 32), 32], true, 0],
  ])('%s', (_name, values, applicable, pValue) => {
    const outcome = extremeCellTest(values, [0, 31]);
    expect(outcome.applicable).toBe(applicable);
    if (outcome.applicable) expect(outcome.pValues[0]).toBe(pValue);
  });

  it('keeps its false-alarm rate at α on uniform outcomes', () => {
    const runs = 300;
    const alarms = Array.from({ length: runs }, () => extremeCellTest(uniform(900, 32), [0, 31])).filter((o) => o.applicable && o.pValues[0]! < 0.01).length;
    expect(alarms / runs).toBeLessThan(0.03);
  });

  it('catches the float-scaled byte mapping in 1,500 reel stops (500 spins), naming the starved stop', () => {
    const outcome = extremeCellTest(floatScaled(1500), [0, 31]);
    expect(outcome.applicable && outcome.pValues[0]!).toBeLessThan(1e-3);
    expect(outcome.applicable && outcome.statistics?.cell).toBe(31);
  });
});
