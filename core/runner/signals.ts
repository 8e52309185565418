export type TerminationSignal = 'SIGINT' | 'SIGTERM';

/** Where termination signals come from: `process` in the CLI, an EventEmitter in tests. */
export interface SignalSource {
  on(event: TerminationSignal, listener: () => void): unknown;
  off(event: TerminationSignal, listener: () => void): unknown;
}

/**
 * Calls `onFirst` on the first SIGINT/SIGTERM. Later signals only log: the run is already cleaning up,
 * and quitting mid-cleanup is what leaves faults and processes behind.
 */
export function watchTermination(source: SignalSource | undefined, onFirst: (signal: TerminationSignal) => void, onRepeat: (signal: TerminationSignal) => void): () => void {
  if (!source) return () => {};
  let seen = false;
  const handlers = (['SIGINT', 'SIGTERM'] as const).map((signal) => {
    const listener = () => {
      if (seen) return onRepeat(signal);
      seen = true;
      onFirst(signal);
    };
    source.on(signal, listener);
    return () => source.off(signal, listener);
  });
  return () => handlers.forEach((off) => off());
}
