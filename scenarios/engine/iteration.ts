import type { MetricRegistry } from '../../core/metrics/index.ts';
import { extractPath } from '../model/extract.ts';
import type { Vars } from '../model/template.ts';
import type { CompiledFlow, CompiledStep } from './compiled-flow.ts';
import type { HealthMonitor } from './health.ts';
import type { HttpTarget } from './http-target.ts';
import type { Timeline } from './timeline.ts';

/** A virtual user: only its variables and an iteration count (a few hundred bytes). */
export interface VirtualUser {
  id: number;
  iterations: number;
  /** Its `once` steps (sign-up, login) have all succeeded: later iterations skip them. Until then they are retried. */
  ready: boolean;
  vars: Vars;
  retired: boolean;
}

interface RequestWriters {
  reqs: (value: number) => void;
  duration: (value: number) => void;
  failed: (value: boolean) => void;
  serverError: (value: boolean) => void;
}

export interface IterationDeps {
  scenario: string;
  flows: CompiledFlow[];
  http: HttpTarget;
  registry: MetricRegistry;
  timeline: Timeline;
  health: HealthMonitor;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  /** True once the run is past its hard deadline. */
  hardStopped: () => boolean;
}

/** Runs iterations of flows, writing k6 metrics; the first request is timed from the iteration's intended start. */
export class IterationRunner {
  readonly #deps: IterationDeps;
  readonly #writers = new Map<string, RequestWriters>();
  readonly #iterationWriters: Array<{ count: (v: number) => void; duration: (v: number) => void; interrupted: (v: number) => void }>;
  readonly #checks = new Map<string, (value: boolean) => void>();

  constructor(deps: IterationDeps) {
    this.#deps = deps;
    this.#iterationWriters = deps.flows.map((flow) => {
      const tags = { scenario: deps.scenario, flow: flow.name };
      return {
        count: deps.registry.bind('iterations', tags),
        duration: deps.registry.bind('iteration_duration', tags),
        interrupted: deps.registry.bind('iterations_interrupted', tags),
      };
    });
  }

  async run(vu: VirtualUser, flowIndex: number, intendedStart: number): Promise<void> {
    const deps = this.#deps;
    const flow = deps.flows[flowIndex]!;
    const writers = this.#iterationWriters[flowIndex]!;
    vu.vars['vu'] = vu.id;
    vu.vars['iter'] = vu.iterations;
    let sendAt = intendedStart;
    let completed = true;
    for (const step of flow.steps) {
      if (step.once && vu.ready) continue;
      if (deps.hardStopped() || !(await this.#step(vu, flow, step, sendAt))) {
        completed = false;
        break;
      }
      if (step.thinkMs > 0) await deps.sleep(step.thinkMs);
      sendAt = deps.now();
    }
    vu.iterations += 1;
    if (completed) vu.ready = true;
    const end = deps.now();
    if (!completed) writers.interrupted(1);
    writers.count(1);
    writers.duration(Math.max(0, end - intendedStart));
    deps.timeline.iteration(end);
  }

  /** false → the iteration cannot go on (no answer, a variable missing). */
  async #step(vu: VirtualUser, flow: CompiledFlow, step: CompiledStep, sendAt: number): Promise<boolean> {
    const deps = this.#deps;
    let path: string;
    let headers: Record<string, string>;
    let body: string | undefined;
    try {
      path = step.path(vu.vars);
      headers = step.headers(vu.vars);
      body = step.body?.(vu.vars);
    } catch {
      this.#check(flow, step, 'variables available')(false);
      return false;
    }
    const actual = deps.now();
    deps.health.sendLag.add(Math.max(0, actual - sendAt));
    const answer = await deps.http.send(step.method, path, headers, body, step.extract.length > 0);
    const end = deps.now();
    const latency = Math.max(0, end - sendAt);
    const ok = answer.status !== 0 && step.expected(answer.status);
    const writers = this.#requestWriters(flow, step, answer.status);
    writers.reqs(1);
    writers.duration(latency);
    writers.failed(!ok);
    writers.serverError(answer.status === 0 || answer.status >= 500);
    deps.timeline.request(end, latency, !ok);
    this.#check(flow, step, 'status expected')(ok);
    if (answer.status === 0) return false;
    let extracted = true;
    for (const [variable, path] of step.extract) {
      const value = extractPath(answer.json, path);
      if (value === undefined || value === null) extracted = false;
      else vu.vars[variable] = value;
    }
    if (step.extract.length > 0) this.#check(flow, step, 'values extracted')(extracted);
    return extracted;
  }

  #requestWriters(flow: CompiledFlow, step: CompiledStep, status: number): RequestWriters {
    const id = `${flow.name}\u0000${step.name}\u0000${status}`;
    let writers = this.#writers.get(id);
    if (!writers) {
      const registry = this.#deps.registry;
      const tags = { scenario: this.#deps.scenario, flow: flow.name, step: step.name, method: step.method, status: String(status) };
      writers = {
        reqs: registry.bind('http_reqs', tags),
        duration: registry.bind('http_req_duration', tags),
        failed: registry.bind('http_req_failed', tags),
        serverError: registry.bind('http_req_server_errors', tags),
      };
      this.#writers.set(id, writers);
    }
    return writers;
  }

  #check(flow: CompiledFlow, step: CompiledStep, name: string): (value: boolean) => void {
    const id = `${flow.name}\u0000${step.name}\u0000${name}`;
    let writer = this.#checks.get(id);
    if (!writer) {
      writer = this.#deps.registry.bind('checks', { scenario: this.#deps.scenario, flow: flow.name, step: step.name, check: `${step.name} ${name}` });
      this.#checks.set(id, writer);
    }
    return writer;
  }
}
