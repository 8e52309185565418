import type { LogRecord } from '../../core/logger.ts';
import type { RunEvent } from '../../core/runner/events.ts';
import type { CliIO } from '../io.ts';
import { plainProgress } from './plain.ts';
import { ttyProgress } from './tty.ts';

export interface Progress {
  event(event: RunEvent): void;
  log(record: LogRecord): void;
  finish(): void;
}

/** A live task list on a terminal; plain timestamped lines in CI, in pipes, or when asked. */
export function createProgress(io: CliIO, options: { plain?: boolean } = {}): Progress {
  const live = io.stderr.isTTY === true && !io.env['CI'] && !options.plain && io.env['TERM'] !== 'dumb';
  return live ? ttyProgress(io.stderr) : plainProgress(io.stderr);
}
