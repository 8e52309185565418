import { describe, expect, it } from 'vitest';
import type { TimelinePoint } from '../engine/timeline.ts';
import { observeAutoscaling, p95After } from './autoscaling.ts';

const window = { loadStartMs: 10_000, loadEndMs: 40_000, expectedReplicas: 4 };
const history = (pairs: Array<[number, number]>) => pairs.map(([t, replicas]) => ({ t, replicas }));

describe('observeAutoscaling', () => {
  it.each([
    ['scales out and back in', history([[9_000, 2], [12_000, 3], [18_000, 4], [30_000, 5], [41_000, 5], [55_000, 3]]), { startReplicas: 2, peakReplicas: 5, scaledOutAfterMs: 8_000, scaledInAfterMs: 15_000, coversStart: true }],
    ['never reaches the expected count', history([[5_000, 2], [20_000, 3], [50_000, 2]]), { peakReplicas: 3, scaledOutAfterMs: null, scaledInAfterMs: 10_000 }],
    ['starts well after the load did', history([[16_000, 4], [45_000, 4]]), { coversStart: false, startReplicas: null, scaledOutAfterMs: 6_000, scaledInAfterMs: null }],
    ['first reading within the start grace', history([[11_000, 1], [20_000, 4], [50_000, 2]]), { coversStart: true, startReplicas: 1, scaledOutAfterMs: 10_000 }],
    ['unsorted input', history([[55_000, 3], [9_000, 2], [18_000, 4]]), { scaledOutAfterMs: 8_000, scaledInAfterMs: 15_000 }],
  ])('%s', (_, samples, expected) => {
    expect(observeAutoscaling(samples, window)).toMatchObject(expected);
  });

  it('an empty history observes nothing', () => {
    expect(observeAutoscaling([], window)).toMatchObject({ samples: 0, scaledOutAfterMs: null, coversStart: false });
  });
});

describe('p95After', () => {
  const point = (t: number, p95: number | null, requests = 10): TimelinePoint => ({ t, requests, failed: 0, dropped: 0, iterations: requests, vus: 1, p50: p95, p95, p99: p95, max: p95 });
  const timeline = [point(0, 900), point(1, 800), point(2, 100), point(3, 120), point(4, 110), point(5, null, 0)];
  it.each([
    [2, 6, { value: 110, seconds: 3 }],
    [0, 6, { value: 120, seconds: 5 }],
    [3, 6, null],
  ])('from %i s to %i s', (from, to, expected) => {
    expect(p95After(timeline, from, to)).toEqual(expected);
  });
});
