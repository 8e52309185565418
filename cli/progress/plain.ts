import type { LogRecord } from '../../core/logger.ts';
import type { Output } from '../io.ts';
import type { Progress } from './create.ts';
import { describeEvent } from './describe.ts';

const stamp = (at: number) => new Date(at).toISOString().slice(11, 19);

/** Timestamped lines: for CI logs and pipes. */
export function plainProgress(out: Output): Progress {
  return {
    event(event) {
      const text = describeEvent(event);
      if (text) out.write(`[${stamp(event.at)}] ${text}\n`);
    },
    log(record: LogRecord) {
      if (record.level === 'debug') return;
      out.write(`[${stamp(record.time)}] ${record.level === 'info' ? '' : `${record.level.toUpperCase()} `}${record.scope}: ${record.message}\n`);
    },
    finish() {},
  };
}
