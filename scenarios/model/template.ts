import { randomUUID } from 'node:crypto';
import { faker } from '@faker-js/faker';

/**
 * Templates in paths, headers and JSON bodies: `{{ name }}` reads a variable (scenario variables, values
 * extracted earlier by this VU, and the built-ins `vu`, `iter`, `uuid`, `now`); `{{ faker.internet.username }}`
 * or `{{ faker.number.int({"min":1,"max":9}) }}` calls faker. A string that is exactly one expression keeps the
 * value's type (a number stays a number in JSON).
 */
export type Expression = { kind: 'var'; name: string } | { kind: 'faker'; path: string[]; args: unknown[] };
export type TemplatePart = { kind: 'text'; text: string } | Expression;

export type Vars = Record<string, unknown>;
export const BUILTIN_VARS = ['vu', 'iter', 'uuid', 'now'] as const;

const EXPRESSION = /\{\{\s*(.*?)\s*\}\}/g;
const VAR = /^[A-Za-z_]\w*$/;
const FAKER = /^faker((?:\.[A-Za-z_]\w*)+)(?:\((.*)\))?$/;

export class TemplateError extends Error {}

export function parseTemplate(text: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let last = 0;
  for (const match of text.matchAll(EXPRESSION)) {
    if (match.index > last) parts.push({ kind: 'text', text: text.slice(last, match.index) });
    parts.push(parseExpression(match[1] ?? ''));
    last = match.index + match[0].length;
  }
  if (last < text.length) parts.push({ kind: 'text', text: text.slice(last) });
  return parts;
}

function parseExpression(source: string): Expression {
  if (VAR.test(source)) return { kind: 'var', name: source };
  const fake = FAKER.exec(source);
  if (!fake) throw new TemplateError(`"{{ ${source} }}" is neither a variable name nor faker.<module>.<function>`);
  const path = (fake[1] ?? '').slice(1).split('.');
  let args: unknown[] = [];
  if (fake[2] !== undefined && fake[2].trim() !== '') {
    try {
      args = [JSON.parse(fake[2])];
    } catch {
      throw new TemplateError(`"{{ ${source} }}": the faker argument must be one JSON value`);
    }
  }
  if (typeof fakerFunction(path) !== 'function') throw new TemplateError(`"{{ ${source} }}": faker has no function ${path.join('.')}`);
  return { kind: 'faker', path, args };
}

function fakerFunction(path: string[]): unknown {
  let target: unknown = faker;
  for (const key of path) target = target && typeof target === 'object' ? (target as Record<string, unknown>)[key] : undefined;
  return target;
}

/** Every template problem in a JSON-ish value, with the path inside it. */
export function templateIssues(value: unknown, path: string[] = []): Array<{ path: string[]; message: string }> {
  if (typeof value === 'string') {
    try {
      parseTemplate(value);
      return [];
    } catch (error) {
      return [{ path, message: (error as Error).message }];
    }
  }
  if (Array.isArray(value)) return value.flatMap((item, index) => templateIssues(item, [...path, String(index)]));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([key, item]) => templateIssues(item, [...path, key]));
  return [];
}

/** The variable names a value's templates read (besides built-ins). */
export function templateVariables(value: unknown): string[] {
  if (typeof value === 'string') return parseTemplate(value).flatMap((part) => (part.kind === 'var' ? [part.name] : []));
  if (Array.isArray(value)) return value.flatMap(templateVariables);
  if (value && typeof value === 'object') return Object.values(value).flatMap(templateVariables);
  return [];
}

export type Renderer<T> = (vars: Vars) => T;

function evaluate(expression: Expression, vars: Vars): unknown {
  if (expression.kind === 'faker') return (fakerFunction(expression.path) as (...args: unknown[]) => unknown)(...expression.args);
  if (expression.name === 'uuid') return randomUUID();
  if (expression.name === 'now') return Date.now();
  if (!(expression.name in vars)) throw new TemplateError(`variable "${expression.name}" is not set (extract it in an earlier step or declare it in variables)`);
  return vars[expression.name];
}

function compileString(text: string): Renderer<unknown> | undefined {
  const parts = parseTemplate(text);
  if (parts.every((part) => part.kind === 'text')) return undefined;
  if (parts.length === 1 && parts[0]?.kind !== 'text') {
    const only = parts[0] as Expression;
    return (vars) => evaluate(only, vars);
  }
  return (vars) => parts.map((part) => (part.kind === 'text' ? part.text : String(evaluate(part, vars)))).join('');
}

/** Compiles once; a value without templates renders to itself without work per request. */
export function compileValue(value: unknown): Renderer<unknown> {
  if (typeof value === 'string') return compileString(value) ?? (() => value);
  if (Array.isArray(value)) {
    const items = value.map(compileValue);
    return (vars) => items.map((item) => item(vars));
  }
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).map(([key, item]) => [key, compileValue(item)] as const);
    return (vars) => Object.fromEntries(entries.map(([key, item]) => [key, item(vars)]));
  }
  return () => value;
}

export function hasTemplates(value: unknown): boolean {
  return templateVariables(value).length > 0 || JSON.stringify(value ?? null).includes('{{');
}

/** A path or header: always a string. */
export function compileText(text: string): Renderer<string> {
  const render = compileString(text);
  return render ? (vars) => String(render(vars)) : () => text;
}

/** A JSON body, serialised; static bodies are serialised once. */
export function compileJsonBody(value: unknown): Renderer<string> {
  if (!hasTemplates(value)) {
    const body = JSON.stringify(value);
    return () => body;
  }
  const render = compileValue(value);
  return (vars) => JSON.stringify(render(vars));
}
