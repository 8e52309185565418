import { parentPort, workerData } from 'node:worker_threads';
import { runPartition, type PartitionInput } from './partition.ts';

/** A generator thread: runs its share of the schedule, posts abortOnFail failures and the final snapshots. */
const port = parentPort;
if (!port) throw new Error('scenarios/engine/worker.ts must run in a worker thread');
let stopped = false;
let started: (epochMs: number) => void = () => undefined;
const start = new Promise<number>((resolve) => (started = resolve));
port.on('message', (message: { type: 'stop' } | { type: 'start'; epochMs: number }) => {
  if (message.type === 'stop') stopped = true;
  else started(message.epochMs);
});
try {
  const result = await runPartition(workerData as PartitionInput, {
    start: () => {
      port.postMessage({ type: 'ready' });
      return start;
    },
    stopped: () => stopped,
    onAbort: (notice) => port.postMessage({ type: 'abort', notice }),
  });
  port.postMessage({ type: 'done', result });
} catch (error) {
  port.postMessage({ type: 'error', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
}
port.close();
