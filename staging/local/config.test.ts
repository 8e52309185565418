import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../core/errors.ts';
import { parseReplicaConfig } from './config.ts';
import { faultRequestSchema } from './faults.ts';

const secrets = { databasePassword: 'p'.repeat(12), pspApiKey: 'k'.repeat(12), webhookSecret: 'w'.repeat(12), adminToken: 'a'.repeat(12) };
const valid = { workDir: '/tmp/x', platformDir: '/p', releasesDir: '/r', releases: { blue: '1.4.0' }, secrets };

describe('parseReplicaConfig', () => {
  it('fills defaults', () => {
    const config = parseReplicaConfig(valid);
    expect(config.instances).toBe(2);
    expect(config.autoscaler.enabled).toBe(false);
    expect(config.autoscaler.tolerance).toBe(0.1);
  });

  it.each([
    { patch: { instances: 0 }, path: 'instances' },
    { patch: { releases: {} }, path: 'releases.blue' },
    { patch: { autoscaler: { target: -1 } }, path: 'autoscaler.target' },
    { patch: { secrets: { ...secrets, adminToken: 'short' } }, path: 'secrets.adminToken' },
  ])('rejects $path, naming the file and the path', ({ patch, path }) => {
    const attempt = () => parseReplicaConfig({ ...valid, ...patch }, 'replica.json');
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(new RegExp(`replica\\.json: ${path.replace('.', '\\.')}`));
  });

  it('reports every problem at once', () => {
    try {
      parseReplicaConfig({ ...valid, instances: 0, rngInstances: 0 });
      expect.unreachable();
    } catch (error) {
      expect((error as ConfigError).issues.map((i) => i.path)).toEqual(['instances', 'rngInstances']);
    }
  });
});

describe('fault requests', () => {
  it.each([
    { request: { link: 'api->rng', kind: 'delay', params: { ms: 100 }, ttlMs: 1000 }, ok: true },
    { request: { link: 'api->rng', kind: 'bandwidth', params: { bytesPerSecond: 1000 }, ttlMs: 1000 }, ok: true },
    { request: { link: 'api->rng', kind: 'partition', ttlMs: 1000 }, ok: true },
    { request: { link: 'api->rng', kind: 'delay', params: { ms: 100 } }, ok: false },
    { request: { link: 'api->rng', kind: 'drop', params: {}, ttlMs: 3_600_001 }, ok: false },
    { request: { link: 'api->rng', kind: 'melt', params: {}, ttlMs: 1000 }, ok: false },
    { request: { link: 'api->rng', kind: 'bandwidth', params: {}, ttlMs: 1000 }, ok: false },
  ])('$request.kind with ttl $request.ttlMs: valid=$ok', ({ request, ok }) => {
    expect(faultRequestSchema.safeParse(request).success).toBe(ok);
  });
});
