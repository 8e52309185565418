import type { ExecutorConfig } from './executors.ts';

/** One line for plans and progress, e.g. "ramping-arrival-rate 4→60/1s over 46s, 40–400 VUs". */
export function describeExecutor(executor: ExecutorConfig): string {
  switch (executor.executor) {
    case 'constant-arrival-rate':
      return `constant-arrival-rate ${executor.rate}/${executor.timeUnit} for ${executor.duration}, ${executor.preAllocatedVUs}–${executor.maxVUs ?? executor.preAllocatedVUs} VUs`;
    case 'ramping-arrival-rate':
      return `ramping-arrival-rate ${[executor.startRate, ...executor.stages.map((s) => s.target)].join('→')}/${executor.timeUnit} over ${executor.stages.map((s) => s.duration).join('+')}, ${executor.preAllocatedVUs}–${executor.maxVUs ?? executor.preAllocatedVUs} VUs`;
    case 'constant-vus':
      return `constant-vus ${executor.vus} VUs for ${executor.duration}`;
    case 'ramping-vus':
      return `ramping-vus ${[executor.startVUs, ...executor.stages.map((s) => s.target)].join('→')} VUs over ${executor.stages.map((s) => s.duration).join('+')}`;
    case 'per-vu-iterations':
      return `per-vu-iterations ${executor.vus} VUs × ${executor.iterations} (max ${executor.maxDuration})`;
    case 'shared-iterations':
      return `shared-iterations ${executor.iterations} over ${executor.vus} VUs (max ${executor.maxDuration})`;
  }
}
