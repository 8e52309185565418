import type { V1Deployment, V2HorizontalPodAutoscaler } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { deploymentReplicas, hpaSnapshot, rolledOut } from './snapshots.ts';
import { deployment, hpa } from './testing/objects.ts';

describe('hpaSnapshot', () => {
  it.each([
    ['ScalingActive=True', { current: 2, desired: 4, utilization: 140, active: true }, { desiredReplicas: 4, scalingActive: true }],
    ['ScalingActive=False (metrics missing)', { current: 2, desired: 2, active: false }, { scalingActive: false, metrics: [] }],
    ['no condition yet: unknown, not false', { current: 1, desired: 1 }, { scalingActive: undefined }],
  ])('%s', (_name, status, expected) => {
    expect(hpaSnapshot(hpa('api', status) as unknown as V2HorizontalPodAutoscaler)).toMatchObject(expected);
  });

  it('refuses an HPA without status rather than reporting zero replicas', () => {
    expect(() => hpaSnapshot({ metadata: { name: 'api' } } as V2HorizontalPodAutoscaler)).toThrow('HorizontalPodAutoscaler api has no status yet');
  });

  it('keeps lastScaleTime as epoch ms', () => {
    expect(hpaSnapshot(hpa('api', { current: 1, desired: 1 }) as unknown as V2HorizontalPodAutoscaler).lastScaleTime).toBe(Date.parse('2026-11-27T04:00:00Z'));
  });
});

describe('rolledOut', () => {
  const d = (status: Parameters<typeof deployment>[1], observed?: number) => {
    const object = deployment('api', status) as unknown as V1Deployment;
    if (observed !== undefined) object.status!.observedGeneration = observed;
    return object;
  };
  it.each([
    ['all ready', d({ replicas: 2, ready: 2 }), true],
    ['one not ready', d({ replicas: 2, ready: 1 }), false],
    ['scaling up: fewer pods than desired', d({ replicas: 1, ready: 1, desired: 3 }), false],
    ['new spec not observed yet', d({ replicas: 2, ready: 2, generation: 3 }, 2), false],
  ])('%s → %s', (_name, object, expected) => {
    expect(rolledOut(object)).toBe(expected);
  });

  it('counts missing status fields as zero', () => {
    expect(deploymentReplicas({ metadata: { name: 'x' }, spec: { replicas: 2 } } as V1Deployment)).toEqual({ name: 'x', desired: 2, replicas: 0, ready: 0, available: 0, updated: 0 });
  });
});
