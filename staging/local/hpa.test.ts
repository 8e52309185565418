import { describe, expect, it } from 'vitest';
import type { HpaConfig, HpaInput, HpaReason, Recommendation, ScaleEvent } from './hpa.ts';
import { decideReplicas, rawRecommendation } from './hpa.ts';

const config: HpaConfig = {
  minReplicas: 1,
  maxReplicas: 8,
  target: 4,
  tolerance: 0.1,
  scaleDownStabilizationMs: 10_000,
  scaleUpStabilizationMs: 0,
  scaleUp: { pods: 2, percent: 100, periodMs: 5_000 },
};

describe('rawRecommendation', () => {
  it.each([
    { current: 2, metric: 4, want: 2, why: 'exactly on target' },
    { current: 2, metric: 4.4, want: 2, why: 'upper tolerance edge (ratio 1.1)' },
    { current: 2, metric: 3.6, want: 2, why: 'lower tolerance edge (ratio 0.9)' },
    { current: 2, metric: 4.5, want: 3, why: 'just above the band: ceil(2 × 1.125)' },
    { current: 2, metric: 3.5, want: 2, why: 'just below the band: ceil(2 × 0.875) = 2' },
    { current: 4, metric: 1, want: 1, why: 'ceil(4 × 0.25)' },
    { current: 3, metric: 0, want: 0, why: 'idle' },
    { current: 1, metric: 20, want: 5, why: 'ceil(1 × 5)' },
    { current: 0, metric: 3, want: 1, why: 'no replicas but load' },
  ])('$why', ({ current, metric, want }) => {
    expect(rawRecommendation(current, metric, config)).toBe(want);
  });
});

interface Row {
  name: string;
  current: number;
  metric: number | undefined;
  recommendations?: Recommendation[];
  scaleEvents?: ScaleEvent[];
  config?: Partial<HpaConfig>;
  want: number;
  reason: HpaReason;
}

const now = 100_000;
const rows: Row[] = [
  { name: 'within tolerance: no action', current: 3, metric: 4.3, want: 3, reason: 'within-tolerance' },
  { name: 'scale up proportionally', current: 2, metric: 6, want: 3, reason: 'scale-up' },
  { name: 'scale up limited to max(pods, 100%) per period', current: 1, metric: 40, want: 3, reason: 'scale-up-limited' },
  { name: 'percent policy wins when larger', current: 3, metric: 16, want: 6, reason: 'scale-up-limited' },
  {
    name: 'scale-ups earlier in the period count against the limit',
    current: 3,
    metric: 16,
    scaleEvents: [{ t: now - 1_000, from: 1, to: 3 }],
    want: 3,
    reason: 'scale-up-limited',
  },
  {
    name: 'scale-ups before the period do not count',
    current: 3,
    metric: 16,
    scaleEvents: [{ t: now - 6_000, from: 1, to: 3 }],
    want: 6,
    reason: 'scale-up-limited',
  },
  { name: 'clamped to maxReplicas', current: 6, metric: 8, want: 8, reason: 'clamped-max' },
  { name: 'clamped to minReplicas on idle', current: 2, metric: 0, want: 1, reason: 'clamped-min' },
  { name: 'scale down when the window holds nothing higher', current: 4, metric: 2, want: 2, reason: 'scale-down' },
  {
    name: 'scale down held by a higher recommendation in the window',
    current: 4,
    metric: 1,
    recommendations: [{ t: now - 5_000, replicas: 4 }],
    want: 4,
    reason: 'scale-down-stabilized',
  },
  {
    name: 'scale down to the highest recommendation in the window',
    current: 4,
    metric: 1,
    recommendations: [{ t: now - 5_000, replicas: 3 }, { t: now - 4_000, replicas: 2 }],
    want: 3,
    reason: 'scale-down',
  },
  {
    name: 'recommendations older than the window are forgotten',
    current: 4,
    metric: 1,
    recommendations: [{ t: now - 11_000, replicas: 4 }],
    want: 1,
    reason: 'scale-down',
  },
  {
    name: 'scale up held while a lower recommendation is inside the scale-up window',
    current: 2,
    metric: 8,
    recommendations: [{ t: now - 2_000, replicas: 2 }],
    config: { scaleUpStabilizationMs: 3_000 },
    want: 2,
    reason: 'scale-up-stabilized',
  },
  {
    name: 'scale up to the lowest recommendation in the scale-up window',
    current: 2,
    metric: 8,
    recommendations: [{ t: now - 4_000, replicas: 2 }, { t: now - 2_000, replicas: 3 }],
    config: { scaleUpStabilizationMs: 3_000 },
    want: 3,
    reason: 'scale-up-limited',
  },
  { name: 'missing metric: no action', current: 3, metric: undefined, want: 3, reason: 'no-metric' },
  { name: 'NaN metric: no action', current: 3, metric: Number.NaN, want: 3, reason: 'no-metric' },
];

describe('decideReplicas', () => {
  it.each(rows)('$name', (row) => {
    const input: HpaInput = {
      now,
      current: row.current,
      metric: row.metric,
      config: { ...config, ...row.config },
      recommendations: row.recommendations ?? [],
      scaleEvents: row.scaleEvents ?? [],
    };
    const decision = decideReplicas(input);
    expect({ desired: decision.desired, reason: decision.reason }).toEqual({ desired: row.want, reason: row.reason });
  });

  it('keeps only recommendations inside the window, plus the new one', () => {
    const decision = decideReplicas({
      now,
      current: 2,
      metric: 4,
      config,
      recommendations: [{ t: now - 20_000, replicas: 9 }, { t: now - 1_000, replicas: 3 }],
      scaleEvents: [],
    });
    expect(decision.recommendations).toEqual([{ t: now - 1_000, replicas: 3 }, { t: now, replicas: 2 }]);
  });
});
