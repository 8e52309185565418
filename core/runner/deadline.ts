/** Why a run or stage was cut short. */
export class Interrupted extends Error {
  override readonly cause: 'SIGINT' | 'SIGTERM' | 'deadline';
  constructor(cause: 'SIGINT' | 'SIGTERM' | 'deadline', message: string) {
    super(message);
    this.name = 'Interrupted';
    this.cause = cause;
  }
}

export class StageTimeout extends Error {
  constructor(what: string, ms: number) {
    super(`${what} not finished after ${ms} ms`);
    this.name = 'StageTimeout';
  }
}

/**
 * Resolves with the work's result, or rejects as soon as the signal aborts (with the signal's reason),
 * whether or not the work itself honours the signal.
 */
export function raceAbort<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

/** A signal that aborts with a StageTimeout after `ms`, or when the parent aborts. */
export function deadlineSignal(parent: AbortSignal, ms: number, what: string): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new StageTimeout(what, ms)), ms);
  const onParent = () => controller.abort(parent.reason);
  if (parent.aborted) onParent();
  else parent.addEventListener('abort', onParent, { once: true });
  return {
    signal: controller.signal,
    dispose: () => {
      clearTimeout(timer);
      parent.removeEventListener('abort', onParent);
    },
  };
}
