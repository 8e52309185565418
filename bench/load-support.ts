import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

export interface BenchServer {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** Starts bench/load-server.ts in its own process (so its CPU is not the generator's). */
export async function startBenchServer(): Promise<BenchServer> {
  const child = spawn(process.execPath, [fileURLToPath(new URL('./load-server.ts', import.meta.url))], { stdio: ['pipe', 'pipe', 'inherit'] });
  const [chunk] = (await once(child.stdout!, 'data')) as [Buffer];
  const port = Number(chunk.toString().trim());
  return {
    url: `http://127.0.0.1:${port}`,
    child,
    stop: async () => {
      if (child.exitCode !== null) return;
      child.kill('SIGCONT');
      child.stdin?.end();
      const exited = once(child, 'exit');
      const timer = setTimeout(() => child.kill('SIGKILL'), 2_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** CPU (user + system) of this process in µs while `work` runs. */
export async function cpuOf<T>(work: () => Promise<T>): Promise<{ result: T; cpuUs: number; wallMs: number }> {
  const start = process.cpuUsage();
  const t0 = performance.now();
  const result = await work();
  const used = process.cpuUsage(start);
  return { result, cpuUs: used.user + used.system, wallMs: performance.now() - t0 };
}

export const fmt = (value: number, digits = 1) => value.toFixed(digits);
