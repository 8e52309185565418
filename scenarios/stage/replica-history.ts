import { errorMessage } from '../../core/errors.ts';
import type { Environment } from '../../staging/environment.ts';
import type { ReplicaSample } from './autoscaling.ts';

type HistoryReader = () => Promise<ReplicaSample[]>;

/**
 * Finds the environment's autoscaler history, tolerantly: `controls.scaling.autoscaler()` answering
 * `{ history: [{ t, replicas, ... }] }` (the local replica). Anything else → undefined (no autoscaler).
 */
export function replicaHistoryReader(env: Environment | undefined): HistoryReader | undefined {
  const scaling = env?.controls['scaling'] as { autoscaler?: unknown } | undefined;
  const read = scaling?.autoscaler;
  if (typeof read !== 'function') return undefined;
  return async () => {
    const answer = (await (read as () => Promise<unknown>).call(scaling)) as { history?: unknown };
    if (!answer || !Array.isArray(answer.history)) throw new Error('the autoscaler answered without a history list');
    return answer.history.flatMap((entry: unknown) => {
      const sample = entry as { t?: unknown; replicas?: unknown; metric?: unknown };
      if (typeof sample.t !== 'number' || typeof sample.replicas !== 'number') return [];
      return [{ t: sample.t, replicas: sample.replicas, ...(typeof sample.metric === 'number' ? { metric: Math.round(sample.metric * 1000) / 1000 } : {}) }];
    });
  };
}

/** Reads the history, waiting up to `waitMs` after the load for the pool to shrink below its peak. */
export async function collectReplicaHistory(
  read: HistoryReader,
  options: { loadEndMs: number; waitMs: number; now: () => number; sleep: (ms: number) => Promise<void>; signal: AbortSignal },
): Promise<{ history: ReplicaSample[] } | { error: string }> {
  try {
    let history = await read();
    const peak = () => Math.max(0, ...history.filter((s) => s.t <= options.loadEndMs).map((s) => s.replicas));
    while (!options.signal.aborted && options.now() < options.loadEndMs + options.waitMs) {
      if (history.some((s) => s.t > options.loadEndMs && s.replicas < peak())) break;
      await options.sleep(1_000);
      history = await read();
    }
    return { history };
  } catch (error) {
    return { error: errorMessage(error) };
  }
}
