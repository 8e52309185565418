import { describe, expect, it } from 'vitest';
import { rolloutConfigSchema } from './config.ts';
import { rolloutStage } from './rollout-stage.ts';

describe('rolloutStage', () => {
  it('validates, describes and plans itself', () => {
    const config = rolloutConfigSchema.parse({});
    expect(rolloutStage.id).toBe('rollout');
    expect(rolloutStage.describe(config)).toMatch(/canary, blue-green, flags, read-only, maintenance.*green as candidate beside blue/);
    expect(rolloutStage.plan(config).map((s) => s.title)).toEqual(['canary analysis', 'blue-green switch and rollback', 'new feature flags', 'read-only drill', 'maintenance notices']);
    expect(rolloutStage.plan(config)[0]!.detail).toMatch(/5% for 2000 ms, 25% for 14000 ms/);
  });

  it.each([
    { input: { canary: { steps: [{ weight: 50, durationMs: 1000 }, { weight: 25, durationMs: 1000 }] } }, path: 'canary.steps', message: /rise/ },
    { input: { drills: ['canary', 'dance'] }, path: 'drills.1', message: /Invalid option/ },
    { input: { canary: { confidence: 1.5 } }, path: 'canary.confidence', message: /1/ },
  ])('rejects $path', ({ input, path, message }) => {
    const result = rolloutConfigSchema.safeParse(input);
    expect(result.success).toBe(false);
    const issue = result.error!.issues.find((i) => i.path.join('.') === path);
    expect(issue?.message).toMatch(message);
  });
});
