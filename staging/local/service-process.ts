import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { once } from 'node:events';
import { watchTaggedLines } from './ready-line.ts';
import { withDeadline } from './wait.ts';

export type ServiceName = 'api' | 'rng' | 'psp' | 'edge';
export type ProcessStatus = 'starting' | 'running' | 'paused' | 'exited';

export interface ReadyInfo {
  service: string;
  port: number;
  instance: string;
  adminPort?: number;
}

export interface ServiceProcessOptions {
  id: string;
  service: ServiceName;
  script: string;
  env: Record<string, string>;
  logFile: string;
  readyTimeoutMs?: number;
}

/** One platform service as a child process that follows the service contract (ready line, stdin watch). */
export class ServiceProcess {
  readonly id: string;
  readonly service: ServiceName;
  private readonly options: ServiceProcessOptions;
  private child: ChildProcess | undefined;
  private ready: ReadyInfo | undefined;
  status: ProcessStatus = 'starting';
  exitCode: number | null = null;

  constructor(options: ServiceProcessOptions) {
    this.id = options.id;
    this.service = options.service;
    this.options = options;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get port(): number {
    if (!this.ready) throw new Error(`${this.id} is not started`);
    return this.ready.port;
  }

  get adminPort(): number | undefined {
    return this.ready?.adminPort;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Starts the process and waits for its ready line. `port` pins the port (restarts keep their address). */
  async start(port = 0, extraEnv: Record<string, string> = {}): Promise<ReadyInfo> {
    const timeoutMs = this.options.readyTimeoutMs ?? 15_000;
    const log = openSync(this.options.logFile, 'a');
    const child = spawn(process.execPath, [this.options.script], {
      env: { ...this.options.env, ...extraEnv, PORT: String(port), INSTANCE_ID: this.id },
      stdio: ['pipe', 'pipe', log],
    });
    closeSync(log);
    this.child = child;
    this.status = 'starting';
    child.stdin?.on('error', () => {});
    child.on('exit', (code) => {
      this.status = 'exited';
      this.exitCode = code;
    });
    const readyLine = new Promise<ReadyInfo>((resolve, reject) => {
      watchTaggedLines(child.stdout!, (tag, payload) => {
        if (tag === 'GREENLIGHT_READY') resolve(payload as ReadyInfo);
      });
      child.once('exit', (code, signal) => reject(new Error(`${this.id} exited before ready (code ${code}, signal ${signal}): ${this.logTail()}`)));
      child.once('error', reject);
    });
    try {
      this.ready = await withDeadline(readyLine, { timeoutMs, what: this.id, state: 'ready' });
    } catch (error) {
      child.kill('SIGKILL');
      throw error;
    }
    this.status = 'running';
    return this.ready;
  }

  /** SIGTERM, then SIGKILL after `graceMs`. Resolves once the process is gone. */
  async stop(graceMs = 3_000): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    child.kill('SIGCONT');
    child.stdin?.end();
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  }

  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    child.kill('SIGKILL');
    await exited;
  }

  pause(): void {
    if (this.status !== 'running') throw new Error(`${this.id} is ${this.status}, not running`);
    this.child?.kill('SIGSTOP');
    this.status = 'paused';
  }

  resume(): void {
    if (this.status !== 'paused') throw new Error(`${this.id} is ${this.status}, not paused`);
    this.child?.kill('SIGCONT');
    this.status = 'running';
  }

  async restart(): Promise<ReadyInfo> {
    const port = this.ready?.port ?? 0;
    const adminPort = this.ready?.adminPort;
    await this.stop();
    return this.start(port, adminPort === undefined ? {} : { ADMIN_PORT: String(adminPort) });
  }

  private logTail(): string {
    try {
      return readFileSync(this.options.logFile, 'utf8').slice(-600);
    } catch {
      return '(no log)';
    }
  }
}
