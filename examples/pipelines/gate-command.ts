/**
 * The command lines the pipeline examples run, in one place. Every example YAML and docs/pipelines.md must
 * contain them verbatim (examples/pipelines/pipelines.test.ts checks it, and checks that the CLI accepts them).
 */

/** CI jobs (GitHub Actions, GitLab CI): release and baseline come from GREENLIGHT_RELEASE / GREENLIGHT_BASELINE. */
export const CI_GATE_COMMAND = 'npx greenlight run --profile ci';

/** CI setup before the gate: Node >= 22 (installs Node 24 into .tools/ if older) and `npm ci`. */
export const CI_SETUP_COMMAND = 'make setup';

/** Where a CI job finds the run it just made (`.greenlight/runs/latest` points at it). */
export const CI_RUN_DIR = '.greenlight/runs/latest';
export const CI_JUNIT_PATH = `${CI_RUN_DIR}/junit.xml`;

/** The gate container in a cluster (Argo CD PreSync Job, Argo Rollouts analysis Job): URLs only, state on a volume. */
export const CLUSTER_GATE_ARGV = [
  'node', 'cli/bin.ts', 'run',
  '--profile', 'ci',
  '--env', 'remote',
  '--only', 'release,probe,smoke,load',
  '--config', '/etc/greenlight/greenlight.config.json',
  '--output-dir', '/var/lib/greenlight',
] as const;

/** The Flagger confirm-promotion webhook server, reading the runs the gate Jobs wrote to the same volume. */
export const SERVE_ARGV = ['node', 'cli/bin.ts', 'serve', '--host', '0.0.0.0', '--port', '8800', '--runs-dir', '/var/lib/greenlight/runs', '--max-age', '1h'] as const;
