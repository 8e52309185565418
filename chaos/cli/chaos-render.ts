import { ConfigError, formatIssue } from '../../core/errors.ts';
import { EXIT } from '../../core/exit-codes.ts';
import { newRunId } from '../../core/run-id.ts';
import { renderChaosMesh, renderChaosMeshYaml } from '../chaos-mesh/render.ts';
import { ChaosMeshValidator } from '../chaos-mesh/validate.ts';
import { shippedExperiment } from '../config.ts';

export interface Out {
  write(chunk: string): unknown;
}

/** `greenlight chaos render <experiment> --backend chaos-mesh [--namespace casino] [--run-id ID] [--duration-scale N]`. */
export interface ChaosRenderOptions {
  experiment?: string;
  backend?: string;
  namespace?: string;
  runId?: string;
  durationScale?: number;
  /** Where the Chaos Mesh CRDs are (for validation); the shared schemas by default. */
  crdDir?: string;
  stdout: Out;
  stderr: Out;
}

function usage(options: ChaosRenderOptions, error: ConfigError): number {
  options.stderr.write(`chaos render: unusable input (${error.issues.length} problem(s)):\n`);
  for (const issue of error.issues) options.stderr.write(`  ${formatIssue(issue)}\n`);
  if (error.hint) options.stderr.write(`hint: ${error.hint}\n`);
  return EXIT.USAGE;
}

/** Prints the experiment's faults as Chaos Mesh YAML, validated against the CRDs first. 0 ok, 64 unusable input. */
export function chaosRender(options: ChaosRenderOptions): number {
  const issues = [];
  if (!options.experiment) issues.push({ path: '<experiment>', message: 'is required' });
  if (options.backend !== 'chaos-mesh') issues.push({ path: '--backend', message: `cannot render for "${options.backend ?? ''}"`, expected: 'chaos-mesh' });
  const namespace = options.namespace ?? 'default';
  if (!/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/.test(namespace)) issues.push({ path: '--namespace', message: `"${namespace}" is not a namespace name`, expected: 'a DNS-1123 label' });
  const runId = options.runId ?? newRunId();
  if (!/^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/.test(runId)) issues.push({ path: '--run-id', message: `"${runId}" cannot be a label value`, expected: 'at most 63 letters, digits, - _ .' });
  const scale = options.durationScale ?? 1;
  if (!(scale >= 1 && scale <= 120)) issues.push({ path: '--duration-scale', message: `${scale} is out of range`, expected: 'a number from 1 to 120' });
  if (issues.length > 0) return usage(options, new ConfigError('chaos-render', issues, 'example: greenlight chaos render rng-outage --backend chaos-mesh --namespace casino'));
  let experiment;
  try {
    experiment = shippedExperiment(options.experiment!, scale);
  } catch (error) {
    if (error instanceof ConfigError) return usage(options, error);
    throw error;
  }
  const validator = new ChaosMeshValidator(options.crdDir);
  const problems = renderChaosMesh(experiment, { namespace, runId }).flatMap((r) => validator.validate(r.manifest).map((p) => `${r.manifest.kind} ${r.manifest.metadata.name}: ${p}`));
  if (problems.length > 0) {
    options.stderr.write(`chaos render: internal error (this is a bug in greenlight): the rendered manifests do not match the Chaos Mesh CRDs:\n${problems.map((p) => `  ${p}\n`).join('')}`);
    return EXIT.INCONCLUSIVE;
  }
  options.stdout.write(renderChaosMeshYaml(experiment, { namespace, runId }));
  return EXIT.GO;
}
