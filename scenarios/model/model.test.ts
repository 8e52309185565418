import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../core/errors.ts';
import { extractPath } from './extract.ts';
import { parseScenario } from './parse.ts';
import { compileJsonBody, compileText, parseTemplate } from './template.ts';

describe('templates', () => {
  it.each([
    ['/wallet', {}, '/wallet'],
    ['/wallet/deposits/{{ id }}', { id: 7 }, '/wallet/deposits/7'],
    ['Bearer {{token}}', { token: 'abc' }, 'Bearer abc'],
    ['u{{vu}}-{{iter}}', { vu: 3, iter: 0 }, 'u3-0'],
  ])('%s renders', (template, vars, expected) => {
    expect(compileText(template)(vars)).toBe(expected);
  });

  it('keeps the type of a lone expression in JSON bodies and calls faker', () => {
    const body = JSON.parse(compileJsonBody({ bet: '{{bet}}', name: 'p-{{ faker.string.alphanumeric(8) }}', nested: [{ id: '{{uuid}}' }] })({ bet: 10 }));
    expect(body.bet).toBe(10);
    expect(body.name).toMatch(/^p-[A-Za-z0-9]{8}$/);
    expect(body.nested[0].id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it.each([['{{ 1 + 1 }}'], ['{{ faker.nope.nothing }}'], ['{{ faker.number.int({bad json}) }}']])('rejects %s', (template) => {
    expect(() => parseTemplate(template)).toThrow();
  });

  it('fails a render that reads an unset variable', () => {
    expect(() => compileText('{{token}}')({})).toThrow(/variable "token" is not set/);
  });
});

describe('extraction', () => {
  it.each([
    [{ token: 't' }, 'token', 't'],
    [{ data: { player: { id: 5 } } }, 'data.player.id', 5],
    [{ items: [{ id: 'a' }, { id: 'b' }] }, '$.items[1].id', 'b'],
    [{ token: 't' }, 'missing.deep', undefined],
    ['not an object', 'token', undefined],
  ])('%j at %s', (body, path, expected) => {
    expect(extractPath(body, path)).toEqual(expected);
  });
});

describe('scenario validation', () => {
  const valid = {
    name: 'ok',
    executor: { executor: 'constant-arrival-rate', rate: 10, duration: '5s', preAllocatedVUs: 2 },
    flows: [{ name: 'f', steps: [{ name: 'login', method: 'POST', path: '/auth/login', json: { u: 'x' }, extract: { token: 'token' } }, { name: 'w', path: '/wallet', headers: { authorization: 'Bearer {{token}}' } }] }],
  };

  it('fills k6 defaults', () => {
    const scenario = parseScenario(valid);
    expect(scenario.executor).toMatchObject({ timeUnit: '1s', gracefulStop: '30s', startTime: '0s' });
    expect(scenario.flows[0]?.weight).toBe(1);
  });

  it('reports every issue at once, each with its file and path', () => {
    const bad = {
      ...valid,
      executor: { executor: 'constant-arrival-rate', rate: 10, duration: 'soon', preAllocatedVUs: 5, maxVUs: 2 },
      flows: [{ name: 'f', steps: [{ name: 'w', path: '/wallet/{{ playerId }}', headers: { authorization: 'Bearer {{token}}' } }] }],
      thresholds: { http_req_duration: ['p(95)<300', 'rate<0.1'], nope: ['count<1'] },
    };
    let error: unknown;
    try {
      parseScenario(bad, 'load.yaml');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const issues = (error as ConfigError).issues;
    expect(issues.map((i) => i.path)).toEqual(expect.arrayContaining(['executor.duration', 'flows[0].steps[0].path', 'flows[0].steps[0].headers', 'thresholds["http_req_duration"][1]', 'thresholds["nope"]']));
    expect(issues.every((i) => i.file === 'load.yaml')).toBe(true);
  });

  it('validates thresholds against the metrics the engine emits', () => {
    expect(() => parseScenario({ ...valid, thresholds: { http_req_duration: ['rate<0.1'], nope: ['count<1'] } })).toThrow(/"rate" is not defined for trend "http_req_duration"[\s\S]*unknown metric "nope"/);
  });

  it('rejects maxVUs below preAllocatedVUs', () => {
    expect(() => parseScenario({ ...valid, executor: { ...valid.executor, preAllocatedVUs: 5, maxVUs: 2 } })).toThrow(/executor.maxVUs: maxVUs \(2\) is below preAllocatedVUs \(5\)/);
  });
});
