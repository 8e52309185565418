import type { Readable } from 'node:stream';
import { createInterface } from 'node:readline';

export const READY_PREFIX = 'GREENLIGHT_READY ';

/**
 * Calls `onLine(tag, json)` for every `<TAG> {json}` line on a stream (tags are upper-case words such as
 * GREENLIGHT_READY); other lines go to `onOther`.
 */
export function watchTaggedLines(stream: Readable, onLine: (tag: string, payload: unknown) => void, onOther?: (line: string) => void): void {
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  lines.on('line', (line) => {
    const match = /^([A-Z_]+) (\{.*\})\s*$/.exec(line);
    if (!match) return onOther?.(line);
    try {
      onLine(match[1]!, JSON.parse(match[2]!));
    } catch {
      onOther?.(line);
    }
  });
}
