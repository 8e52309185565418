import { check, noDataCheck, type Check } from '../../core/check.ts';
import { errorMessage } from '../../core/errors.ts';
import type { Observation } from '../../core/stage.ts';
import { defineStage } from '../../core/stage.ts';
import { runBattery, type BatteryResult } from './battery.ts';
import { bitsFromBytes, wordsFromBytes } from './bit-sequence.ts';
import { resolveConfidence } from './confidence.ts';
import { rngStageConfigSchema, type RngStageConfig } from './config.ts';
import { evaluateBattery } from './evaluate.ts';
import { crossInstanceIndependenceTest } from './independence.ts';
import { sampleRngService } from './sample-service.ts';

export interface RngObservation extends Observation {
  summary: {
    /** Instances sampled (rng service URLs, credentials never included). */
    instances: number;
    battery?: BatteryResult;
    /** Why nothing could be judged (no rng service, sampling failed). */
    problem?: { reason: 'no_data' | 'provider_error'; message: string };
  };
}

/**
 * The RNG stage: samples raw output from every rng instance in the sandbox, runs the SP 800-22 and output-level
 * battery on the first and cross-instance independence over all, and judges at the configured confidence.
 */
export const rngStage = defineStage<RngStageConfig, RngObservation>({
  id: 'rng',
  title: 'RNG statistical battery',
  configSchema: rngStageConfigSchema,
  needs: ['rng-raw-output'],
  describe: (config) =>
    `samples ${config.bytes} raw bytes per rng instance and runs NIST SP 800-22 plus output-level tests at ${resolveConfidence(config) * 100}% confidence (${config.correction})`,
  plan: (config) => [
    { title: 'sample raw RNG output', detail: `${config.bytes} bytes per instance from the rng service` },
    { title: 'run the statistical battery', detail: '15 SP 800-22 tests, 3-D cube, serial correlation, gap, poker, birthday spacings' },
    { title: 'check cross-instance independence', detail: 'no two instances emit the same stream or overlapping 16-byte blocks' },
  ],
  async run(ctx, config) {
    const urls = ctx.env?.urls.rng ?? [];
    if (urls.length === 0) return { summary: { instances: 0, problem: { reason: 'no_data', message: 'the environment exposes no rng service URL' } } };
    try {
      const streams: Uint8Array[] = [];
      for (const url of urls) {
        ctx.progress(`sampling ${config.bytes} bytes from rng instance ${streams.length + 1}/${urls.length}`);
        streams.push(await sampleRngService({ fetch: ctx.adapters.fetch, url, bytes: config.bytes, signal: ctx.signal }));
      }
      const first = streams[0]!;
      const additional =
        streams.length > 1
          ? [{ id: 'cross-instance-independence', unit: 'streams' as const, sampleSize: streams.length, outcome: crossInstanceIndependenceTest(streams.map((s) => [s])) }]
          : [];
      const battery = runBattery(
        { bits: bitsFromBytes(first), words: wordsFromBytes(first), additional },
        { confidence: resolveConfidence(config), correction: config.correction },
      );
      return { summary: { instances: urls.length, battery } };
    } catch (error) {
      return { summary: { instances: urls.length, problem: { reason: 'provider_error', message: errorMessage(error) } } };
    }
  },
  evaluate(_config, observation): Check[] {
    const { battery, problem } = observation.summary;
    if (problem?.reason === 'provider_error') {
      return [check({ id: 'rng.battery', title: 'RNG statistical battery', status: 'inconclusive', observed: null, reason: 'provider_error', message: `could not sample the rng service: ${problem.message}` })];
    }
    if (!battery) return [noDataCheck('rng.battery', 'RNG statistical battery', problem?.message ?? 'no RNG output was sampled')];
    return evaluateBattery(battery, { idPrefix: 'rng' });
  },
});
