import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../core/errors.ts';
import { resolveExperiments, chaosConfigSchema, shippedExperiment } from '../config.ts';
import { localFaultRequest } from '../local/injector.ts';
import { SHIPPED_EXPERIMENT_INPUTS, SHIPPED_EXPERIMENT_NAMES } from '../shipped/index.ts';
import { parseExperiment, scaleExperiment, type ExperimentInput } from './experiment.ts';
import { describeFault, faultSchema, type FaultInput } from './fault.ts';

const minimal: ExperimentInput = {
  name: 'x',
  title: 'X',
  steadyState: { probes: [{ kind: 'ledger-invariants', name: 'ledger' }] },
  method: { durationMs: 2_000, faults: [{ kind: 'network-partition', link: 'api->rng', durationMs: 1_000 }] },
};

function issuesOf(input: unknown): string[] {
  try {
    parseExperiment(input, 'chaos.config.ts');
    return [];
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return error.issues.map((i) => `${i.file}: ${i.path}: ${i.message}`);
  }
}

describe('experiment model', () => {
  it.each(SHIPPED_EXPERIMENT_NAMES)('shipped %s validates and has a steady state with money invariants', (name) => {
    const experiment = parseExperiment(SHIPPED_EXPERIMENT_INPUTS[name]);
    expect(experiment.steadyState.probes.map((p) => p.kind)).toContain('ledger-invariants');
    expect(experiment.method.faults.length).toBeGreaterThan(0);
  });

  it.each<[string, unknown, RegExp]>([
    ['bad name', { ...minimal, name: 'Bad Name' }, /: name: lowercase letters/],
    ['no probes', { ...minimal, steadyState: { probes: [] } }, /steadyState\.probes/],
    ['unknown link', { ...minimal, method: { ...minimal.method, faults: [{ kind: 'network-delay', link: 'api->redis', latencyMs: 5, durationMs: 500 }] } }, /method\.faults\.0\.link: a link such as api->postgres/],
    ['fault outlasts the method', { ...minimal, method: { ...minimal.method, faults: [{ kind: 'network-reset', link: 'api->psp', afterMs: 1_500, durationMs: 1_000 }] } }, /method\.faults\[0\]: ends at 2500 ms, after the method \(2000 ms\)/],
    ['duplicate probe names', { ...minimal, method: { ...minimal.method, probes: [{ kind: 'ledger-invariants', name: 'ledger' }] } }, /probe name "ledger" is used twice/],
    ['unknown fault kind', { ...minimal, method: { ...minimal.method, faults: [{ kind: 'meteor', durationMs: 500 }] } }, /method\.faults\.0\.kind/],
  ])('rejects %s, naming file and path', (_case, input, expected) => {
    const issues = issuesOf(input);
    expect(issues.join('\n')).toMatch(expected);
    expect(issues.every((i) => i.startsWith('chaos.config.ts: '))).toBe(true);
  });

  it('reports every problem at once', () => {
    expect(issuesOf({ ...minimal, name: 'BAD', title: '', recoveryMs: -1 })).toHaveLength(3);
  });

  it('scales method, fault offsets and durations, not recovery', () => {
    const scaled = scaleExperiment(parseExperiment({ ...minimal, method: { ...minimal.method, probesAfterMs: 100, faults: [{ kind: 'network-reset', link: 'api->psp', afterMs: 200, durationMs: 1_000 }] } }), 3);
    expect(scaled.method).toMatchObject({ durationMs: 6_000, probesAfterMs: 300, faults: [{ afterMs: 600, durationMs: 3_000 }] });
    expect(scaled.recoveryMs).toBe(1_000);
  });

  it('resolves shipped names and inline experiments, rejecting duplicates with their index', () => {
    expect(resolveExperiments(chaosConfigSchema.parse({})).map((e) => e.name)).toEqual(SHIPPED_EXPERIMENT_NAMES);
    expect(() => resolveExperiments(chaosConfigSchema.parse({ experiments: ['rng-outage', 'rng-outage'] }))).toThrow(/experiments\[1\]: experiment "rng-outage" is listed twice/);
    expect(chaosConfigSchema.safeParse({ experiments: ['nope'] }).success).toBe(false);
    expect(() => shippedExperiment('nope')).toThrow(/unknown experiment "nope".*expected api-instance-kill/);
  });
});

describe('faults', () => {
  it.each<[FaultInput, unknown]>([
    [{ kind: 'network-delay', link: 'api->postgres', latencyMs: 200, jitterMs: 20, durationMs: 5_000 }, { link: 'api->postgres', kind: 'delay', params: { ms: 200, jitterMs: 20 }, ttlMs: 5_000 }],
    [{ kind: 'network-loss', link: 'api->psp', durationMs: 1_000 }, { link: 'api->psp', kind: 'drop', params: {}, ttlMs: 1_000 }],
    [{ kind: 'network-reset', link: 'psp->webhooks', durationMs: 1_000 }, { link: 'psp->webhooks', kind: 'reset', params: {}, ttlMs: 1_000 }],
    [{ kind: 'network-partition', link: 'edge->api-green-1', durationMs: 1_000 }, { link: 'edge->api-green-1', kind: 'partition', params: {}, ttlMs: 1_000 }],
    [{ kind: 'network-bandwidth', link: 'api->rng', bytesPerSecond: 1_024, durationMs: 1_000 }, { link: 'api->rng', kind: 'bandwidth', params: { bytesPerSecond: 1_024 }, ttlMs: 1_000 }],
    [{ kind: 'dependency-outage', dependency: 'database', durationMs: 10_000 }, { link: 'api->postgres', kind: 'partition', params: {}, ttlMs: 10_000 }],
    [{ kind: 'dependency-outage', dependency: 'psp', durationMs: 1_000 }, { link: 'api->psp', kind: 'partition', params: {}, ttlMs: 1_000 }],
    [{ kind: 'instance-kill', instance: 'api-green-1', durationMs: 1_000 }, undefined],
    [{ kind: 'instance-pause', instance: 'rng-1', durationMs: 1_000 }, undefined],
  ])('%j maps to the local fault point request %j, with its duration as TTL', (input, expected) => {
    expect(localFaultRequest(faultSchema.parse(input))).toEqual(expected);
  });

  it.each<[FaultInput, string]>([
    [{ kind: 'network-delay', link: 'api->postgres', latencyMs: 200, jitterMs: 20, durationMs: 5_000 }, 'delay 200 ms ± 20 ms on api->postgres for 5000 ms'],
    [{ kind: 'instance-kill', instance: 'api-green-1', afterMs: 500, durationMs: 3_000 }, 'kill api-green-1, restart after 3000 ms after 500 ms'],
    [{ kind: 'dependency-outage', dependency: 'rng', durationMs: 5_000 }, 'rng outage for 5000 ms'],
  ])('describes %j', (input, text) => {
    expect(describeFault(faultSchema.parse(input))).toBe(text);
  });
});
