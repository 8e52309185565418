import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { ConfigError, errorMessage, formatIssue } from '../../core/errors.ts';
import { EXIT } from '../../core/exit-codes.ts';
import { renderOperatorManifests } from '../k6/operator.ts';
import { renderK6Script } from '../k6/render-script.ts';
import { parseScenario } from '../model/parse.ts';
import type { Scenario } from '../model/scenario.ts';
import { SHIPPED_SCENARIOS, type ShippedScenarioName } from '../shipped/index.ts';

interface Out {
  write(chunk: string): unknown;
}

/** `greenlight load render <scenario> --backend k6|k6-operator [--parallelism N] [--base-url URL] [--out FILE]`. */
export interface RenderLoadOptions {
  /** A shipped scenario name or a YAML/JSON scenario file. */
  scenario: string;
  backend: string;
  parallelism?: number | string;
  baseUrl?: string;
  namespace?: string;
  /** Write here instead of stdout. */
  out?: string;
  cwd?: string;
  stdout: Out;
  stderr: Out;
}

function loadScenario(ref: string, cwd: string): Scenario {
  const shipped = SHIPPED_SCENARIOS[ref as ShippedScenarioName];
  if (shipped) return shipped();
  const file = resolve(cwd, ref);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new ConfigError('unknown_scenario', [{ path: '<scenario>', message: `"${ref}" is neither a shipped scenario (${Object.keys(SHIPPED_SCENARIOS).join(', ')}) nor a readable file` }]);
  }
  let data: unknown;
  try {
    data = parseYaml(text);
  } catch (error) {
    throw new ConfigError('invalid_scenario', [{ file, path: '<root>', message: `not YAML/JSON: ${errorMessage(error)}` }]);
  }
  return parseScenario(data, file);
}

/** Writes a scenario as a k6 script, or as a k6-operator TestRun plus its ConfigMap. Returns the exit code. */
export async function renderLoad(options: RenderLoadOptions): Promise<number> {
  const cwd = options.cwd ?? process.cwd();
  try {
    if (options.backend !== 'k6' && options.backend !== 'k6-operator') {
      throw new ConfigError('invalid_backend', [{ path: '--backend', message: `unknown backend ${JSON.stringify(options.backend)}`, expected: 'k6 or k6-operator' }]);
    }
    const scenario = loadScenario(options.scenario, cwd);
    let text: string;
    if (options.backend === 'k6') {
      text = renderK6Script(scenario);
    } else {
      const parallelism = Number(options.parallelism ?? 1);
      if (!Number.isInteger(parallelism) || parallelism < 1 || parallelism > 1000) {
        throw new ConfigError('invalid_parallelism', [{ path: '--parallelism', message: `expected a whole number from 1 to 1000, got ${JSON.stringify(options.parallelism)}` }]);
      }
      text = renderOperatorManifests({ scenario, parallelism, baseUrl: options.baseUrl ?? 'http://edge:8080', namespace: options.namespace }).yaml;
    }
    if (options.out) {
      const file = resolve(cwd, options.out);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, text);
      options.stdout.write(`wrote ${file}\n`);
    } else {
      options.stdout.write(text);
    }
    return EXIT.GO;
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    for (const issue of error.issues) options.stderr.write(`greenlight load render: ${formatIssue(issue)}\n`);
    return EXIT.USAGE;
  }
}
