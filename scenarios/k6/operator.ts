import { stringify } from 'yaml';
import type { Scenario } from '../model/scenario.ts';
import { renderK6Script } from './render-script.ts';
import { K6_TREND_STATS } from './summary.ts';

export interface OperatorOptions {
  scenario: Scenario;
  /** k6 runner pods; each runs 1/N of the load (`--execution-segment`). */
  parallelism: number;
  /** The platform's URL as the runner pods reach it. */
  baseUrl: string;
  namespace?: string;
  /** TestRun and ConfigMap name; default `greenlight-<scenario>`. */
  name?: string;
  runId?: string;
  image?: string;
}

export interface OperatorManifests {
  configMap: Record<string, unknown>;
  testRun: Record<string, unknown>;
  /** Both, as one multi-document YAML for `kubectl apply -f`. */
  yaml: string;
}

const SCRIPT_FILE = 'test.ts';

function dnsName(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 63) || 'greenlight';
}

/**
 * A k6-operator TestRun (k6.io/v1alpha1) and the ConfigMap holding the rendered script. Thresholds surface only as
 * runner exit code 99 per runner (on 1/N of the load), so read the runner Jobs after `finished`; no `cleanup: post`.
 */
export function renderOperatorManifests(options: OperatorOptions): OperatorManifests {
  if (!Number.isInteger(options.parallelism) || options.parallelism < 1 || options.parallelism > 1000) {
    throw new RangeError(`parallelism must be an integer from 1 to 1000, got ${options.parallelism}`);
  }
  const name = dnsName(options.name ?? `greenlight-${options.scenario.name}`);
  const labels: Record<string, string> = { 'app.kubernetes.io/managed-by': 'greenlight', 'greenlight.dev/scenario': dnsName(options.scenario.name) };
  if (options.runId) labels['greenlight.dev/run-id'] = dnsName(options.runId);
  const metadata = { name, ...(options.namespace ? { namespace: options.namespace } : {}), labels };
  const configMap = { apiVersion: 'v1', kind: 'ConfigMap', metadata, data: { [SCRIPT_FILE]: renderK6Script(options.scenario) } };
  const testRun = {
    apiVersion: 'k6.io/v1alpha1',
    kind: 'TestRun',
    metadata,
    spec: {
      parallelism: options.parallelism,
      script: { configMap: { name, file: SCRIPT_FILE } },
      arguments: `--summary-trend-stats ${K6_TREND_STATS}`,
      separate: false,
      quiet: 'true',
      runner: {
        image: options.image ?? 'grafana/k6:latest',
        env: [{ name: 'BASE_URL', value: options.baseUrl }],
        metadata: { labels },
      },
    },
  };
  return { configMap, testRun, yaml: `${stringify(configMap)}---\n${stringify(testRun)}` };
}
