import { describe, expect, it } from 'vitest';
import { executorSchema, type ArrivalRateExecutor } from '../model/executors.ts';
import { arrivalCount, arrivalTimes, shareOf, vuTargetAt } from './schedule.ts';

const arrival = (input: unknown) => executorSchema.parse(input) as ArrivalRateExecutor;

describe('arrival schedule (k6 semantics)', () => {
  it.each([
    ['10/1s for 1s', { executor: 'constant-arrival-rate', rate: 10, duration: '1s', preAllocatedVUs: 1 }, 10],
    ['1000/1s for 20s', { executor: 'constant-arrival-rate', rate: 1000, duration: '20s', preAllocatedVUs: 1 }, 20_000],
    ['30/1m for 10s', { executor: 'constant-arrival-rate', rate: 30, timeUnit: '1m', duration: '10s', preAllocatedVUs: 1 }, 5],
    ['ramp 0→10 over 10s', { executor: 'ramping-arrival-rate', stages: [{ duration: '10s', target: 10 }], preAllocatedVUs: 1 }, 50],
    ['ramp 10→10 then 10→0', { executor: 'ramping-arrival-rate', startRate: 10, stages: [{ duration: '2s', target: 10 }, { duration: '2s', target: 0 }], preAllocatedVUs: 1 }, 30],
    ['zero-length stage jumps', { executor: 'ramping-arrival-rate', startRate: 0, stages: [{ duration: '0s', target: 20 }, { duration: '1s', target: 20 }], preAllocatedVUs: 1 }, 20],
  ])('%s → %i arrivals', (_, input, expected) => {
    expect(arrivalCount(arrival(input))).toBe(expected);
  });

  it('spaces constant arrivals evenly from t=0', () => {
    const times = [...arrivalTimes(arrival({ executor: 'constant-arrival-rate', rate: 10, duration: '1s', preAllocatedVUs: 1 }))].map((a) => a.at);
    expect(times).toEqual([0, 100, 200, 300, 400, 500, 600, 700, 800, 900].map((t) => expect.closeTo(t, 6)));
  });

  it('solves the ramp: a·x + (b−a)·x²/(2D) = k', () => {
    const times = [...arrivalTimes(arrival({ executor: 'ramping-arrival-rate', startRate: 0, stages: [{ duration: '10s', target: 10 }], preAllocatedVUs: 1 }))];
    // rate(t) = t per s (t in s): Λ(t) = t²/2 = k → t = √(2k) s
    for (const { index, at } of times) expect(at).toBeCloseTo(Math.sqrt(2 * index) * 1000, 6);
    expect(times.map((t) => t.at)).toEqual([...times.map((t) => t.at)].sort((a, b) => a - b));
  });

  it('splits one schedule over threads without overlap or loss', () => {
    const executor = arrival({ executor: 'ramping-arrival-rate', startRate: 3, stages: [{ duration: '3s', target: 50 }, { duration: '2s', target: 7 }], preAllocatedVUs: 1 });
    const all = [...arrivalTimes(executor)];
    const parts = [0, 1, 2].flatMap((part) => [...arrivalTimes(executor, part, 3)]).sort((a, b) => a.index - b.index);
    expect(parts).toEqual(all);
  });
});

describe('VU targets and shares', () => {
  const rampingVus = executorSchema.parse({ executor: 'ramping-vus', startVUs: 0, stages: [{ duration: '10s', target: 10 }, { duration: '10s', target: 0 }] });
  it.each([
    [0, 0],
    [5_000, 5],
    [10_000, 10],
    [15_000, 5],
    [25_000, 0],
  ])('ramping-vus target at %i ms is %i', (t, expected) => {
    expect(vuTargetAt(rampingVus as Extract<typeof rampingVus, { executor: 'ramping-vus' }>, t)).toBe(expected);
  });

  it.each([
    [10, 3, [4, 3, 3]],
    [2, 3, [1, 1, 0]],
    [0, 2, [0, 0]],
  ])('shareOf(%i) over %i threads', (total, parts, expected) => {
    expect(expected.map((_, part) => shareOf(total, part, parts))).toEqual(expected);
  });
});
