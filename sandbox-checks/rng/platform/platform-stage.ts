import { check, type Check } from '../../../core/check.ts';
import { errorMessage } from '../../../core/errors.ts';
import type { RunContext } from '../../../core/run-context.ts';
import { defineStage, type Observation } from '../../../core/stage.ts';
import { payMultiplier, type SlotSymbol } from '../../../fixtures/platform/api/games/slot.ts';
import type { ClientOptions } from '../../payments/clients.ts';
import { rngStageConfigSchema, type RngStageConfig } from './platform-stage-config.ts';
import { extremeCellTest } from './platform-stage-extreme-cell.ts';
import { needsReplication, withReplication } from './replication.ts';
import { describeGame, instanceId, isRestartControl, playSpins, sampleOutcomes, sampleRaw, waitHealthy, type GameDescription } from './platform-stage-sampling.ts';
import { bitsFromBytes, wordsFromBytes } from '../bit-sequence.ts';
import {
  crossInstanceIndependenceTest,
  evaluateBattery,
  evaluateRtp,
  outcomePairsTest,
  outcomeUniformityTest,
  resolveConfidence,
  restartIndependenceTest,
  rtpCheck,
  runBattery,
  type BatteryInput,
  type BatteryResult,
  type PaytableEntry,
  type RtpResult,
} from '../index.ts';

type Additional = NonNullable<BatteryInput['additional']>[number];
type Part = 'raw' | 'outcomes' | 'restart' | 'rtp-play' | 'rtp-simulate' | 'game';

interface RngSample {
  instances: number;
  battery?: BatteryResult;
  rtp: { play?: RtpResult; simulate?: RtpResult };
  restartSkipped?: string;
  problems: { part: Part; message: string }[];
}

export interface RngPlatformObservation extends Observation {
  summary: {
    /** A second, independent sample, taken only when the first failed a check. */
    replication?: RngSample;
    instances: number;
    battery?: BatteryResult;
    rtp: { play?: RtpResult; simulate?: RtpResult };
    /** Restart independence could not be tried: why (no control). */
    restartSkipped?: string;
    /** What could not be sampled, by part; each makes its checks inconclusive. */
    problems: { part: Part; message: string }[];
  };
}

/** The game's outcome distribution: every combination of stops on the published strip, paid by the game's rules. */
export function paytableOf(strip: readonly string[], reels = 3): PaytableEntry[] {
  const counts = new Map<number, number>();
  const combos = strip.length ** reels;
  for (let index = 0; index < combos; index++) {
    const symbols: SlotSymbol[] = [];
    for (let reel = 0, rest = index; reel < reels; reel++, rest = Math.floor(rest / strip.length)) symbols.push(strip[rest % strip.length] as SlotSymbol);
    const pay = payMultiplier(symbols);
    counts.set(pay, (counts.get(pay) ?? 0) + 1);
  }
  return [...counts].sort(([a], [b]) => a - b).map(([pay, n]) => ({ pay, probability: n / combos }));
}

function multipliersFromStops(strip: readonly string[], stops: readonly number[], reels = 3): number[] {
  const out: number[] = [];
  for (let i = 0; i + reels <= stops.length; i += reels) {
    const symbols = stops.slice(i, i + reels).map((s) => strip[s] as SlotSymbol | undefined);
    // A stop off the strip is a defect: NaN is an outcome the paytable cannot have, so the RTP check fails on it.
    out.push(symbols.every((s) => s !== undefined) ? payMultiplier(symbols as SlotSymbol[]) : Number.NaN);
  }
  return out;
}

const rangeId = ([min, max]: readonly [number, number]) => `${min}-${max}`;

interface Collected {
  additional: Additional[];
  raw?: Uint8Array;
  rtp: RngPlatformObservation['summary']['rtp'];
  restartSkipped?: string;
  problems: RngPlatformObservation['summary']['problems'];
}

async function attempt(collected: Collected, part: Part, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    collected.problems.push({ part, message: errorMessage(error) });
  }
}

async function collect(ctx: RunContext, config: RngStageConfig, urls: string[]): Promise<Collected> {
  const http: ClientOptions = { fetch: ctx.adapters.fetch, baseUrl: ctx.env!.urls.edge, signal: ctx.signal, requestTimeoutMs: config.requestTimeoutMs };
  const confidence = resolveConfidence(config);
  const c: Collected = { additional: [], rtp: {}, problems: [] };
  await attempt(c, 'raw', async () => {
    const streams: Uint8Array[] = [];
    for (const url of urls) {
      ctx.progress(`sampling ${config.rawBytes} raw bytes from rng instance ${streams.length + 1}/${urls.length}`);
      streams.push(await sampleRaw(http, url, config.rawBytes));
    }
    c.raw = streams[0];
    c.additional.push({ id: 'cross-instance-independence', unit: 'streams', sampleSize: streams.length, outcome: crossInstanceIndependenceTest(streams.map((s) => [s])) });
  });
  await attempt(c, 'outcomes', async () => {
    for (const range of config.ranges) {
      const values = await sampleOutcomes(http, urls[0]!, range[0], range[1], config.outcomes);
      c.additional.push({ id: `outcomes-${rangeId(range)}-uniformity`, unit: 'outcomes', sampleSize: values.length, outcome: outcomeUniformityTest(values, range) });
      c.additional.push({ id: `outcomes-${rangeId(range)}-pairs`, unit: 'outcomes', sampleSize: values.length, outcome: outcomePairsTest(values, range) });
      c.additional.push({ id: `outcomes-${rangeId(range)}-extreme-cell`, unit: 'outcomes', sampleSize: values.length, outcome: extremeCellTest(values, range) });
    }
  });
  const control = ctx.env!.controls['process-faults'];
  if (!isRestartControl(control)) c.restartSkipped = "the environment has no process-faults control with restart(instanceId): restart independence not tried";
  else {
    await attempt(c, 'restart', async () => {
      const id = await instanceId(http, urls[0]!);
      // The first stream sampled from each fresh start must differ; the battery's sample (taken first) joins them.
      const streams = c.raw ? [c.raw] : [];
      for (let i = 0; i < config.restarts; i++) {
        ctx.progress(`restarting rng instance ${id} (${i + 1}/${config.restarts})`);
        await control.restart(id);
        await waitHealthy(http, urls[0]!, config.restartTimeoutMs, (ms) => ctx.clock.sleep(ms, ctx.signal));
        streams.push(await sampleRaw(http, urls[0]!, config.restartBytes));
      }
      c.additional.push({ id: 'restart-independence', unit: 'streams', sampleSize: streams.length, outcome: restartIndependenceTest(streams) });
    });
  }
  let game: GameDescription | undefined;
  await attempt(c, 'game', async () => void (game = await describeGame(http)));
  if (!game) return c;
  const paytable = paytableOf(game.strip);
  const last = game.strip.length - 1;
  const judge = (multipliers: number[]) => rtpCheck({ spins: { outcomes: multipliers, paytable }, declaredRtp: game!.declaredRtp, confidence, precision: config.rtp.precision });
  if (config.rtp.modes.includes('play')) {
    await attempt(c, 'rtp-play', async () => {
      ctx.progress(`playing ${config.rtp.spins} spins through the api`);
      const played = await playSpins(http, { ...config.rtp, reels: 3 });
      c.rtp.play = judge(played.multipliers);
      c.additional.push({ id: 'spin-stops-uniformity', unit: 'outcomes', sampleSize: played.stops.length, outcome: outcomeUniformityTest(played.stops, [0, last]) });
      c.additional.push({ id: 'spin-stops-extreme-cell', unit: 'outcomes', sampleSize: played.stops.length, outcome: extremeCellTest(played.stops, [0, last]) });
    });
  }
  if (config.rtp.modes.includes('simulate')) {
    await attempt(c, 'rtp-simulate', async () => {
      ctx.progress(`simulating ${config.rtp.simulatedSpins} spins from rng service outcomes`);
      const stops = await sampleOutcomes(http, urls[0]!, 0, last, config.rtp.simulatedSpins * 3);
      c.rtp.simulate = judge(multipliersFromStops(game!.strip, stops));
    });
  }
  return c;
}

const RESTART_CHECK = { id: 'rng.restart-independence', title: 'RNG streams differ after restarts' };

/**
 * The platform RNG stage: raw output of every rng instance through the SP 800-22 and output-level battery,
 * cross-instance independence, scaled outcomes per game range (mapping bias), reel stops of real spins, restart
 * independence where the environment can restart an instance, and RTP played and simulated against the declared one.
 */
export const rngStage = defineStage<RngStageConfig, RngPlatformObservation>({
  id: 'rng',
  title: 'RNG and RTP on the platform',
  configSchema: rngStageConfigSchema,
  needs: ['rng-raw-output'],
  describe: (config) =>
    `samples ${config.rawBytes} raw bytes per rng instance, ${config.outcomes} outcomes per range (${config.ranges.map(rangeId).join(', ')}), and RTP (${config.rtp.modes.join(' + ')}) at ${resolveConfidence(config) * 100}% confidence (${config.correction})`,
  plan: (config) => [
    { title: 'sample raw RNG output and run the statistical battery', detail: `${config.rawBytes} bytes per instance; SP 800-22 and output-level tests; cross-instance independence` },
    { title: 'test scaled outcomes for mapping bias', detail: config.ranges.map(rangeId).join(', ') },
    { title: 'restart independence', detail: `${config.restarts} restarts of the first instance when the environment offers process-faults restart(instanceId); skipped otherwise` },
    ...(config.rtp.modes.includes('play') ? [{ title: 'play spins through the api', detail: `${config.rtp.spins} spins of ${config.rtp.bet} minor units; reel stops and RTP` }] : []),
    ...(config.rtp.modes.includes('simulate') ? [{ title: 'simulate spins from rng outcomes', detail: `${config.rtp.simulatedSpins} spins against the paytable` }] : []),
  ],
  async run(ctx, config) {
    const urls = ctx.env?.urls.rng ?? [];
    const empty = { instances: 0, rtp: {} };
    if (!ctx.env) return { summary: { ...empty, problems: [{ part: 'raw', message: 'no environment is up' }] } };
    if (urls.length === 0) return { summary: { ...empty, problems: [{ part: 'raw', message: 'the environment exposes no rng service URL' }] } };
    const first = await sample(ctx, config, urls);
    if (!config.replicate || !needsReplication(checksOf(first))) return { summary: first };
    ctx.progress('an RNG check failed: replicating on a fresh, independent sample before calling it');
    return { summary: { ...first, replication: await sample(ctx, config, urls) } };
  },
  evaluate(_config, observation): Check[] {
    const { replication, ...first } = observation.summary;
    return withReplication(checksOf(first), replication && checksOf(replication));
  },
});

async function sample(ctx: RunContext, config: RngStageConfig, urls: string[]): Promise<RngSample> {
  const c = await collect(ctx, config, urls);
  const battery = runBattery(
    { ...(c.raw ? { bits: bitsFromBytes(c.raw), words: wordsFromBytes(c.raw) } : {}), additional: c.additional },
    { confidence: resolveConfidence(config), correction: config.correction },
  );
  return { instances: urls.length, battery, rtp: c.rtp, ...(c.restartSkipped ? { restartSkipped: c.restartSkipped } : {}), problems: c.problems };
}

function checksOf(sampled: RngSample): Check[] {
  const { battery, rtp, restartSkipped, problems } = sampled;
  const checks: Check[] = problems.map((p) =>
    check({ id: `rng.sampling.${p.part}`, title: `RNG sampling: ${p.part}`, status: 'inconclusive', observed: null, reason: 'provider_error', message: `could not sample (${p.part}): ${p.message}` }),
  );
  if (battery) checks.push(...evaluateBattery(battery, { idPrefix: 'rng' }));
  if (restartSkipped) checks.push(check({ ...RESTART_CHECK, status: 'skipped', blocking: false, observed: null, reason: 'capability_missing', message: restartSkipped }));
  if (rtp.play) checks.push(evaluateRtp(rtp.play, { id: 'rng.rtp.play' }));
  if (rtp.simulate) checks.push(evaluateRtp(rtp.simulate, { id: 'rng.rtp.simulated' }));
  return checks;
}
