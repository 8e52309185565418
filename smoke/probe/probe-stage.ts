import { z } from 'zod';
import { check, type Check } from '../../core/check.ts';
import type { MetricDescriptor } from '../../core/metrics.ts';
import { MetricRegistry } from '../../core/metrics/index.ts';
import { defineStage, type Observation } from '../../core/stage.ts';
import { thresholdsSchema } from '../../core/thresholds/index.ts';
import { probeTarget, type ProbeSample } from './probe-target.ts';

const targetSchema = z
  .object({
    name: z.string().regex(/^[\w.-]+$/, 'letters, digits, "_", "-" or "."'),
    /** Absolute URL, or a path resolved against the environment's edge URL. */
    url: z.string().min(1),
    method: z.enum(['GET', 'HEAD']).default('GET'),
    expectStatus: z.array(z.number().int().min(100).max(599)).default([200]),
  })
  .strict();

export const probeConfigSchema = z
  .object({
    targets: z.array(targetSchema).min(1).default([
      { name: 'edge-health', url: '/healthz', method: 'GET', expectStatus: [200] },
      { name: 'version', url: '/version', method: 'GET', expectStatus: [200] },
    ]),
    requests: z.number().int().min(1).max(1000).default(10),
    timeoutMs: z.number().int().positive().default(5000),
    blocking: z.boolean().default(true),
    minSamples: z.number().int().min(1).default(5),
    thresholds: thresholdsSchema.default({ probe_duration: ['p(95)<1000'] }),
  })
  .strict();

export type ProbeConfig = z.infer<typeof probeConfigSchema>;

export interface ProbeObservation extends Observation {
  samples: ProbeSample[];
}

export const PROBE_METRICS: readonly MetricDescriptor[] = [
  { name: 'probe_duration', type: 'trend', contains: 'time', tags: ['target', 'status'], description: 'time to response headers, ms' },
  { name: 'probe_failed', type: 'rate', tags: ['target'], description: 'requests answered with an unexpected status or not at all' },
  { name: 'probe_reqs', type: 'counter', tags: ['target', 'status'] },
];

/** Probes HTTP endpoints for status and latency: the gate's first, cheapest proof that the release answers. */
export const probeStage = defineStage<ProbeConfig, ProbeObservation>({
  id: 'probe',
  title: 'HTTP probe',
  configSchema: probeConfigSchema as z.ZodType<ProbeConfig>,
  emits: PROBE_METRICS,
  needs: ['http'],
  describe: (config) => `${config.requests} requests to each of ${config.targets.map((t) => t.name).join(', ')}`,
  plan: (config) =>
    config.targets.map((t) => ({ title: `${t.method} ${t.url}`, detail: `${config.requests}× expecting ${t.expectStatus.join('|')}, timeout ${config.timeoutMs} ms` })),
  async run(ctx, config) {
    const metrics = new MetricRegistry(PROBE_METRICS);
    const samples: ProbeSample[] = [];
    for (const target of config.targets) {
      const url = new URL(target.url, ctx.env?.urls.edge ?? 'http://127.0.0.1/').toString();
      ctx.progress(`probing ${target.name} (${url})`);
      for (let i = 0; i < config.requests && !ctx.signal.aborted; i++) {
        const sample = await probeTarget({ fetch: ctx.adapters.fetch, url, method: target.method, timeoutMs: config.timeoutMs, signal: ctx.signal });
        const ok = sample.status !== undefined && target.expectStatus.includes(sample.status);
        samples.push({ ...sample, target: target.name, ok });
        const status = String(sample.status ?? 'none');
        metrics.add('probe_reqs', 1, { target: target.name, status });
        metrics.add('probe_failed', !ok, { target: target.name });
        if (sample.status !== undefined) metrics.add('probe_duration', sample.durationMs, { target: target.name, status });
      }
    }
    return { metrics, samples, summary: { requests: samples.length, byTarget: countByTarget(samples) } };
  },
  evaluate: (config, observations) => config.targets.map((target) => judgeTarget(target.name, target.expectStatus, observations.samples, config.blocking)),
});

function judgeTarget(name: string, expected: number[], all: ProbeSample[], blocking: boolean): Check {
  const samples = all.filter((s) => s.target === name);
  const base = { id: `status:${name}`, title: `${name} answers ${expected.join('|')}`, blocking, samples: samples.length, threshold: `status in [${expected.join(', ')}]` };
  const answered = samples.filter((s) => s.status !== undefined);
  if (answered.length === 0) {
    const why = samples[0]?.error ?? 'no request was sent';
    return check({ ...base, status: 'inconclusive', observed: null, reason: samples.length ? 'provider_error' : 'no_data', message: `${name} was unreachable: ${why}` });
  }
  const bad = samples.filter((s) => !s.ok);
  if (bad.length === 0) return check({ ...base, status: 'pass', observed: `${answered.length}/${samples.length} ok`, message: `all ${samples.length} requests answered as expected` });
  const statuses = [...new Set(bad.map((s) => s.status ?? s.error))].join(', ');
  return check({ ...base, status: 'fail', observed: `${bad.length}/${samples.length} bad`, reason: 'threshold_breached', message: `${bad.length} of ${samples.length} requests answered wrongly (${statuses})` });
}

function countByTarget(samples: ProbeSample[]): Record<string, { ok: number; bad: number }> {
  const out: Record<string, { ok: number; bad: number }> = {};
  for (const s of samples) {
    const entry = (out[s.target ?? '?'] ??= { ok: 0, bad: 0 });
    if (s.ok) entry.ok++;
    else entry.bad++;
  }
  return out;
}
