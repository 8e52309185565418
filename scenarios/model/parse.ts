import { zodIssues } from '../../core/config/zod-issues.ts';
import { ConfigError, type ConfigIssue } from '../../core/errors.ts';
import { validateThresholds } from '../../core/thresholds/index.ts';
import { LOAD_METRICS } from '../engine/metrics.ts';
import { scenarioSchema, type Scenario } from './scenario.ts';

/** Validates a scenario and its thresholds, reporting every issue at once (file and path in each). */
export function scenarioIssues(input: unknown, pathPrefix = '', file?: string): { scenario?: Scenario; issues: ConfigIssue[] } {
  const result = scenarioSchema.safeParse(input);
  const prefix = pathPrefix ? `${pathPrefix}.thresholds` : 'thresholds';
  // Thresholds are checked even when the rest is broken, so every issue is reported at once.
  const rawThresholds = input && typeof input === 'object' ? (input as { thresholds?: unknown }).thresholds : undefined;
  const thresholdIssues = rawThresholds === undefined ? [] : validateThresholds(rawThresholds, LOAD_METRICS, prefix).map((issue) => ({ ...issue, file }));
  if (!result.success) {
    const shapeIssues = zodIssues(result.error, pathPrefix, file).filter((issue) => !issue.path.startsWith(prefix));
    return { issues: [...shapeIssues, ...thresholdIssues] };
  }
  return thresholdIssues.length > 0 ? { issues: thresholdIssues } : { scenario: result.data, issues: [] };
}

export function parseScenario(input: unknown, file?: string): Scenario {
  const { scenario, issues } = scenarioIssues(input, '', file);
  if (!scenario) throw new ConfigError('invalid_scenario', issues, 'see the scenario model in scenarios/model/scenario.ts');
  return scenario;
}
