import type { LogRecord } from '../../core/logger.ts';
import type { RunEvent } from '../../core/runner/events.ts';
import type { Output } from '../io.ts';
import type { Progress } from './create.ts';

interface Row {
  id: string;
  title: string;
  state: 'pending' | 'running' | 'done';
  detail: string;
  startedAt?: number;
}

const ICON: Record<string, string> = { passed: '\u001b[32m✔\u001b[0m', failed: '\u001b[31m✖\u001b[0m', interrupted: '\u001b[33m■\u001b[0m', skipped: '\u001b[90m-\u001b[0m' };
const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/** A live task list redrawn in place: one row per stage with its latest progress line. */
export function ttyProgress(out: Output): Progress {
  const rows: Row[] = [];
  const status = new Map<string, string>();
  let drawn = 0;
  let frame = 0;
  const clear = () => {
    if (drawn > 0) out.write(`\u001b[${drawn}A\u001b[0J`);
    drawn = 0;
  };
  const draw = () => {
    clear();
    const lines = rows.map((row) => {
      const icon = row.state === 'running' ? `\u001b[36m${FRAMES[frame % FRAMES.length]}\u001b[0m` : row.state === 'done' ? (ICON[status.get(row.id) ?? ''] ?? '\u001b[33m?\u001b[0m') : '\u001b[90m·\u001b[0m';
      const elapsed = row.state === 'running' && row.startedAt ? ` \u001b[90m${((Date.now() - row.startedAt) / 1000).toFixed(0)}s\u001b[0m` : '';
      return `${icon} ${row.title}${elapsed}${row.detail ? ` \u001b[90m— ${row.detail.slice(0, 100)}\u001b[0m` : ''}`;
    });
    out.write(lines.map((l) => `${l}\n`).join(''));
    drawn = lines.length;
  };
  const timer = setInterval(() => {
    frame++;
    if (rows.some((r) => r.state === 'running')) draw();
  }, 120);
  timer.unref();
  const row = (id: string) => rows.find((r) => r.id === id);
  return {
    event(event: RunEvent) {
      if (event.type === 'run-start') {
        rows.push({ id: 'environment', title: 'Staging replica', state: 'pending', detail: '' });
        for (const s of event.stages) rows.push({ id: s.id, title: s.title, state: 'pending', detail: '' });
      } else if (event.type === 'environment') {
        const r = row('environment');
        if (r) Object.assign(r, { state: event.state === 'starting' ? 'running' : 'done', detail: event.message, startedAt: r.startedAt ?? event.at });
        status.set('environment', event.state === 'ready' ? 'passed' : event.state === 'failed' ? 'failed' : '');
      } else if (event.type === 'stage-start') {
        Object.assign(row(event.stageId) ?? {}, { state: 'running', startedAt: event.at });
      } else if (event.type === 'stage-progress') {
        Object.assign(row(event.stageId) ?? {}, { detail: event.message });
      } else if (event.type === 'stage-end') {
        status.set(event.stageId, event.status);
        const counts = Object.entries(event.counts).map(([s, n]) => `${n} ${s}`).join(', ');
        Object.assign(row(event.stageId) ?? {}, { state: 'done', detail: `${event.status} in ${(event.durationMs / 1000).toFixed(1)} s (${counts})` });
      } else if (event.type === 'cleanup' && event.state !== 'running') {
        rows.push({ id: 'cleanup', title: 'Cleanup', state: 'done', detail: event.state === 'clean' ? 'everything removed' : event.leftovers.join('; ') });
        status.set('cleanup', event.state === 'clean' ? 'passed' : 'failed');
      }
      draw();
    },
    log(record: LogRecord) {
      if (record.level !== 'warn' && record.level !== 'error') return;
      clear();
      out.write(`\u001b[33m${record.level}\u001b[0m ${record.scope}: ${record.message}\n`);
      draw();
    },
    finish() {
      clearInterval(timer);
      draw();
      drawn = 0;
    },
  };
}
