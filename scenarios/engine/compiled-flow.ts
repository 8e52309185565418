import type { Dispatcher } from 'undici';
import { durationMs } from '../model/duration.ts';
import type { Scenario, Step } from '../model/scenario.ts';
import { compileJsonBody, compileText, type Renderer } from '../model/template.ts';

export interface CompiledStep {
  name: string;
  method: Dispatcher.HttpMethod;
  path: Renderer<string>;
  headers: Renderer<Record<string, string>>;
  body: Renderer<string> | undefined;
  extract: Array<[variable: string, path: string]>;
  expected: (status: number) => boolean;
  once: boolean;
  thinkMs: number;
}

export interface CompiledFlow {
  name: string;
  steps: CompiledStep[];
}

function compileHeaders(step: Step): Renderer<Record<string, string>> {
  const entries = Object.entries(step.headers).map(([name, value]) => [name.toLowerCase(), compileText(value)] as const);
  if (step.json !== undefined && !entries.some(([name]) => name === 'content-type')) entries.push(['content-type', () => 'application/json']);
  if (entries.length === 0) {
    const none = {};
    return () => none;
  }
  return (vars) => Object.fromEntries(entries.map(([name, render]) => [name, render(vars)]));
}

function compileStep(step: Step): CompiledStep {
  const expected = step.expectStatus ? new Set(step.expectStatus) : undefined;
  return {
    name: step.name,
    method: step.method,
    path: compileText(step.path),
    headers: compileHeaders(step),
    body: step.json === undefined ? undefined : compileJsonBody(step.json),
    extract: Object.entries(step.extract),
    expected: expected ? (status) => expected.has(status) : (status) => status >= 200 && status < 400,
    once: step.once,
    thinkMs: step.thinkTime ? durationMs(step.thinkTime) : 0,
  };
}

export function compileFlows(scenario: Scenario): CompiledFlow[] {
  return scenario.flows.map((flow) => ({ name: flow.name, steps: flow.steps.map(compileStep) }));
}

/** Picks a flow by weight. */
export function flowPicker(scenario: Scenario, random: () => number = Math.random): () => number {
  const weights = scenario.flows.map((flow) => flow.weight);
  if (weights.length === 1) return () => 0;
  const total = weights.reduce((a, b) => a + b, 0);
  const cumulative: number[] = [];
  let sum = 0;
  for (const weight of weights) cumulative.push((sum += weight) / total);
  return () => {
    const r = random();
    const index = cumulative.findIndex((edge) => r < edge);
    return index === -1 ? cumulative.length - 1 : index;
  };
}
