import type { Environment } from '../staging/environment.ts';
import type { CleanupRegistry } from './cleanup/registry.ts';
import type { Clock } from './clock.ts';
import type { Logger } from './logger.ts';

/** A release under test, as named by its manifest. */
export interface ReleaseRef {
  version: string;
  /** Path of the release manifest, when there is one. */
  manifest?: string;
}

/** External systems a stage may use; each is an adapter with a fake in unit tests. */
export interface Adapters {
  fetch: typeof globalThis.fetch;
}

/**
 * Everything a stage gets from the runner. There are no global clients: what a stage needs comes
 * through here, so tests pass fakes.
 */
export interface RunContext {
  runId: string;
  /** `.greenlight/runs/<run-id>`. */
  runDir: string;
  /** Where this stage writes evidence; paths in checks are relative to runDir. */
  artifactsDir: string;
  /** `.greenlight` (state shared across runs: leases, baselines). */
  stateDir: string;
  /** Aborted on SIGINT/SIGTERM or when a deadline passes. */
  signal: AbortSignal;
  clock: Clock;
  log: Logger;
  cleanup: CleanupRegistry;
  adapters: Adapters;
  /** The staging replica, once the environment is up. */
  env?: Environment;
  release: { candidate: ReleaseRef; baseline?: ReleaseRef };
  profile: string;
  /** Reports a line of progress for long work (shown live on a TTY). */
  progress(message: string): void;
  /** Records a file the stage wrote, so the report lists it with its sha256. Returns the path relative to runDir. */
  artifact(absolutePath: string): string;
}
