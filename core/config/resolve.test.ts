import { describe, expect, it } from 'vitest';
import { ConfigError } from '../errors.ts';
import { probeStage } from '../../smoke/probe/index.ts';
import { resolveConfig, type ResolveInput } from './resolve.ts';

const providers = { local: { capabilities: ['http', 'scaling'] as const }, remote: { capabilities: ['http'] as const } };
const input = (value: unknown, extra: Partial<ResolveInput> = {}): ResolveInput => ({
  cwd: '/tmp/project',
  loaded: { file: '/tmp/project/greenlight.config.json', value },
  flags: {},
  env: {},
  stages: [probeStage],
  providers,
  ...extra,
});
const issuesOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConfigError) return error.issues.map((i) => `${i.path}: ${i.message}`);
    throw error;
  }
  throw new Error('expected a ConfigError');
};

describe('resolveConfig', () => {
  it('fills every default', () => {
    const config = resolveConfig(input({}));
    expect(config).toMatchObject({
      profile: 'quick',
      release: { candidate: { version: '1.5.0' }, baseline: { version: '1.4.0' } },
      environment: { provider: 'local', instances: 2 },
      outputDir: '/tmp/project/.greenlight',
      reporters: ['json', 'junit', 'md', 'html'],
    });
    expect(config.stages.map((s) => s.stage.id)).toEqual(['probe']);
    expect((config.stages[0]!.config as { requests: number }).requests).toBe(10);
  });

  it('precedence is flag > env > file > default', () => {
    const file = { profile: 'ci', release: { candidate: '1.6.0' } };
    expect(resolveConfig(input(file)).profile).toBe('ci');
    expect(resolveConfig(input(file, { env: { GREENLIGHT_PROFILE: 'full' } })).profile).toBe('full');
    expect(resolveConfig(input(file, { env: { GREENLIGHT_PROFILE: 'full' }, flags: { profile: 'quick' } })).profile).toBe('quick');
    expect(resolveConfig(input(file)).release.candidate.version).toBe('1.6.0');
    expect(resolveConfig(input(file, { env: { GREENLIGHT_RELEASE: '1.7.0' } })).release.candidate.version).toBe('1.7.0');
    expect(resolveConfig(input(file, { env: { GREENLIGHT_RELEASE: '1.7.0' }, flags: { candidate: '1.8.0' } })).release.candidate.version).toBe('1.8.0');
  });

  it('stage settings given as flags win over the file and the profile', () => {
    const config = resolveConfig(input({ stages: { probe: { requests: 3 } }, profiles: { ci: { overrides: { probe: { requests: 50 } } } }, profile: 'ci' }, { flags: { stageOverrides: { probe: { requests: 7 } } } }));
    expect(config.stages[0]!.config).toMatchObject({ requests: 7 });
  });

  it('profile overrides are deep-merged over the stage config', () => {
    const config = resolveConfig(input({ stages: { probe: { requests: 3, timeoutMs: 100 } }, profiles: { ci: { overrides: { probe: { requests: 50 } } } }, profile: 'ci' }));
    expect(config.stages[0]!.config).toMatchObject({ requests: 50, timeoutMs: 100 });
  });

  it('reports every problem at once, each with its path', () => {
    const issues = issuesOf(() =>
      resolveConfig(
        input({
          profile: 'nightlyy',
          release: { candidate: 'v1.5', baseline: '1.4.0' },
          environment: { provider: 'kubernetes' },
          stages: { probe: { requests: -1 }, smoek: {} },
        }),
      ),
    );
    expect(issues).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^profile: unknown profile "nightlyy"/),
        expect.stringMatching(/^release.candidate: "v1.5" is not a SemVer version/),
        expect.stringMatching(/^environment.provider: unknown environment "kubernetes"/),
        expect.stringMatching(/^stages.smoek: unknown stage "smoek"/),
        expect.stringMatching(/^stages.probe.requests: /),
      ]),
    );
    expect(issues.length).toBeGreaterThanOrEqual(5);
  });

  it('rejects unknown top-level keys and a candidate not newer than the baseline', () => {
    expect(issuesOf(() => resolveConfig(input({ relase: {} })))).toEqual([expect.stringContaining('relase')]);
    expect(issuesOf(() => resolveConfig(input({ release: { candidate: '1.4.0', baseline: '1.4.0' } })))).toEqual([
      'release.candidate: candidate 1.4.0 is not newer than baseline 1.4.0',
    ]);
  });

  it('validates thresholds against what the stage emits', () => {
    const issues = issuesOf(() => resolveConfig(input({ stages: { probe: { thresholds: { probe_duration: ['count<1'], http_req_duration: ['p(95)<300'] } } } })));
    expect(issues.join('\n')).toContain('stages.probe.thresholds');
    expect(issues.join('\n')).toContain('"count" is not defined for trend "probe_duration"');
    expect(issues.join('\n')).toContain('http_req_duration');
  });

  it('the remote environment needs an edge URL', () => {
    expect(issuesOf(() => resolveConfig(input({ environment: { provider: 'remote' } })))).toEqual([
      'environment.urls.edge: the remote environment needs the URL players use',
    ]);
  });

  it('collects secret values so they can be scrubbed everywhere', () => {
    const config = resolveConfig(input({ environment: { provider: 'remote', urls: { edge: 'http://127.0.0.1:1/', adminToken: 'tok-123456' } } }));
    expect(config.secrets).toEqual(['tok-123456']);
  });
});
