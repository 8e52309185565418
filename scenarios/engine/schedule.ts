import { durationMs } from '../model/duration.ts';
import type { ArrivalRateExecutor, ExecutorConfig } from '../model/executors.ts';

/** One piece of a piecewise-linear rate: from `from` to `to` arrivals per ms over [start, start + length). */
interface RateSegment {
  start: number;
  length: number;
  from: number;
  to: number;
}

function rateSegments(executor: ArrivalRateExecutor): RateSegment[] {
  const unit = durationMs(executor.timeUnit);
  if (executor.executor === 'constant-arrival-rate') {
    const rate = executor.rate / unit;
    return [{ start: 0, length: durationMs(executor.duration), from: rate, to: rate }];
  }
  const segments: RateSegment[] = [];
  let start = 0;
  let from = executor.startRate / unit;
  for (const stage of executor.stages) {
    const length = durationMs(stage.duration);
    const to = stage.target / unit;
    // A zero-length stage jumps to its target (k6).
    if (length > 0) segments.push({ start, length, from, to });
    start += length;
    from = to;
  }
  return segments;
}

/** Length of the arrival schedule in ms. */
export function scheduleLengthMs(executor: ExecutorConfig): number {
  switch (executor.executor) {
    case 'constant-arrival-rate':
    case 'constant-vus':
      return durationMs(executor.duration);
    case 'ramping-arrival-rate':
    case 'ramping-vus':
      return executor.stages.reduce((sum, stage) => sum + durationMs(stage.duration), 0);
    case 'per-vu-iterations':
    case 'shared-iterations':
      return durationMs(executor.maxDuration);
  }
}

/**
 * The intended start times (ms from the start) of an arrival-rate executor, in order: arrival k starts where the
 * integral of the rate reaches k (k6's absolute schedule: for a ramp a → b over D, a·x + (b−a)·x²/(2D) = k).
 * Only arrivals with k ≡ part (mod parts) are yielded, so worker threads split one schedule without overlap.
 */
export function* arrivalTimes(executor: ArrivalRateExecutor, part = 0, parts = 1): Generator<{ index: number; at: number }> {
  let index = 0;
  let before = 0;
  for (const segment of rateSegments(executor)) {
    const total = (segment.from + segment.to) * segment.length / 2;
    const slope = (segment.to - segment.from) / segment.length;
    const first = Math.ceil(before - 1e-9);
    const last = before + total;
    for (let k = Math.max(index, first); k < last - 1e-9; k++) {
      index = k + 1;
      if (k % parts !== part) continue;
      const need = k - before;
      const x = slope === 0 ? need / segment.from : (-segment.from + Math.sqrt(segment.from * segment.from + 2 * slope * need)) / slope;
      yield { index: k, at: segment.start + Math.min(Math.max(x, 0), segment.length) };
    }
    before = last;
  }
}

/** How many arrivals the whole schedule holds. */
export function arrivalCount(executor: ArrivalRateExecutor): number {
  let count = 0;
  for (const _ of arrivalTimes(executor)) count += 1;
  return count;
}

/** ramping-vus: the VU target at `t` ms (linear within a stage, k6). */
export function vuTargetAt(executor: Extract<ExecutorConfig, { executor: 'ramping-vus' }>, t: number): number {
  let start = 0;
  let from = executor.startVUs;
  for (const stage of executor.stages) {
    const length = durationMs(stage.duration);
    if (t < start + length) return Math.max(0, Math.round(from + ((stage.target - from) * Math.max(0, t - start)) / length));
    start += length;
    from = stage.target;
  }
  return from;
}

/** The share of `total` that part `part` of `parts` takes (the first `total mod parts` parts take one more). */
export function shareOf(total: number, part: number, parts: number): number {
  return Math.floor(total / parts) + (part < total % parts ? 1 : 0);
}
