import type { Clock } from '../../core/clock.ts';
import { kubeErrorMessage, type KubeClient } from './client.ts';
import type { HpaSnapshot } from './snapshots.ts';

/** One reading: `replicas` = ready pods of the Deployment, `desired` = the HPA's desiredReplicas. `t` is epoch ms. */
export interface ScalingSample {
  t: number;
  replicas: number;
  desired: number;
  /** Pods that exist (status.replicas), ready or not. */
  scheduled: number;
  /** The HPA's first metric, e.g. CPU utilization in percent, when it reports one. */
  utilization?: number;
}

/** controls['scaling'].observer: samples the autoscaled workload every interval while the run lasts. */
export interface ScalingObserver {
  history(): ScalingSample[];
  /** Failed readings (never turned into samples), newest last. */
  errors(): { t: number; message: string }[];
  lastHpa(): HpaSnapshot | undefined;
  stop(): Promise<void>;
}

export interface ScalingObserverOptions {
  client: Pick<KubeClient, 'readHpa' | 'readDeployment'>;
  target: { deployment: string; hpa: string };
  clock: Clock;
  intervalMs: number;
  signal?: AbortSignal;
}

/** Starts sampling at once; a failed reading is recorded as an error, never as a sample. */
export function startScalingObserver(options: ScalingObserverOptions): ScalingObserver {
  const samples: ScalingSample[] = [];
  const failures: { t: number; message: string }[] = [];
  let hpa: HpaSnapshot | undefined;
  const stopper = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, stopper.signal]) : stopper.signal;

  const sampleOnce = async () => {
    const t = options.clock.now();
    try {
      const [snapshot, deployment] = await Promise.all([options.client.readHpa(options.target.hpa), options.client.readDeployment(options.target.deployment)]);
      hpa = snapshot;
      samples.push({ t, replicas: deployment.ready, desired: snapshot.desiredReplicas, scheduled: deployment.replicas, utilization: snapshot.metrics[0]?.averageUtilization });
    } catch (error) {
      failures.push({ t, message: kubeErrorMessage(error) });
      if (failures.length > 1_000) failures.shift();
    }
  };

  const loop = (async () => {
    while (!signal.aborted) {
      const started = options.clock.monotonic();
      await sampleOnce();
      const wait = Math.max(0, options.intervalMs - (options.clock.monotonic() - started));
      await options.clock.sleep(wait, signal).catch(() => undefined);
    }
  })();

  return {
    history: () => samples.map((s) => ({ ...s })),
    errors: () => failures.map((f) => ({ ...f })),
    lastHpa: () => hpa,
    async stop() {
      stopper.abort();
      await loop;
    },
  };
}
