import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { watchTaggedLines } from '../ready-line.ts';
import { withDeadline } from '../wait.ts';

export interface DriverReady {
  supervisorPid: number;
  postgresPid: number;
  adminUrl: string;
  pids: number[];
  ports: number[];
}

export interface Driver {
  child: ChildProcess;
  ready: Promise<DriverReady>;
  done: Promise<unknown>;
  stderr: () => string;
}

const script = join(dirname(fileURLToPath(import.meta.url)), 'harness-driver.ts');

/** Starts harness-driver.ts as a separate node process (the harness-side parent in these tests). */
export function startDriver(mode: 'envup' | 'provider', stateDir: string): Driver {
  // Its own process group, so a test can send SIGINT to the group the way a terminal's Ctrl-C does.
  const child = spawn(process.execPath, [script, mode, stateDir], { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  let resolveDone!: (value: unknown) => void;
  const done = new Promise((resolve) => (resolveDone = resolve));
  const ready = new Promise<DriverReady>((resolve, reject) => {
    watchTaggedLines(child.stdout!, (tag, payload) => {
      if (tag === 'DRIVER_READY') {
        const text = JSON.stringify(payload);
        const ports = [...new Set([...text.matchAll(/127\.0\.0\.1:(\d+)/g)].map((m) => Number(m[1])))];
        resolve({ ...(payload as Omit<DriverReady, 'ports'>), ports });
      }
      if (tag === 'DRIVER_DONE') resolveDone(payload);
    });
    child.once('exit', (code, signal) => {
      reject(new Error(`driver exited (${code ?? signal}) before ready: ${stderr.slice(-1500)}`));
      // Give a DRIVER_DONE line still in the pipe a moment to arrive before reporting the exit instead.
      setTimeout(() => resolveDone({ exited: code ?? signal, stderr: stderr.slice(-1500) }), 200);
    });
  });
  ready.catch(() => {});
  return {
    child,
    ready: withDeadline(ready, { timeoutMs: 30_000, what: 'driver', state: 'ready' }),
    done: withDeadline(done, { timeoutMs: 40_000, what: 'driver', state: 'done' }),
    stderr: () => stderr,
  };
}

/** Last-resort cleanup for a failed test: SIGKILL whatever is still alive. */
export function killAll(pids: readonly (number | undefined)[]): void {
  for (const pid of pids) {
    if (pid === undefined) continue;
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // gone
    }
  }
}
