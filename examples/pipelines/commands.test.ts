import { EventEmitter } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../cli/main.ts';
import { DEFAULTS, ENV_VARS } from '../../core/config/defaults.ts';
import { REPORT_FILE_NAMES, updateLatestPointer, writeRunReports } from '../../reports/index.ts';
import { reportWith } from '../../serve/testing.ts';
import { CI_GATE_COMMAND, CI_JUNIT_PATH, CI_RUN_DIR, CI_SETUP_COMMAND, CLUSTER_GATE_ARGV, SERVE_ARGV } from './gate-command.ts';
import { podSpecs, readExample, REPO_ROOT, type Doc } from './load-examples.ts';

const temp = mkdtempSync(join(tmpdir(), 'gl-pipelines-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

const github = readExample('github-actions.yml')[0]!;
const gitlab = readExample('gitlab-ci.yml')[0]!;
const steps = github.jobs.gate.steps as Doc[];
const gitlabJob = gitlab['greenlight-gate'] as Doc;

/** Runs the CLI the way the examples do (`npx greenlight` is this package's bin, cli/bin.ts). */
const greenlight = (args: readonly string[], env: Record<string, string>) =>
  execa(process.execPath, ['cli/bin.ts', ...args], { cwd: REPO_ROOT, reject: false, env: { CI: 'true', GITHUB_STEP_SUMMARY: '', ...env } });
const ciArgs = () => {
  const [npx, bin, ...args] = CI_GATE_COMMAND.split(' ');
  expect([npx, bin]).toEqual(['npx', 'greenlight']);
  return args;
};

describe('GitHub Actions example', () => {
  it('checks out, installs Chromium, sets up, runs the gate; the gate step may fail the job', () => {
    expect(steps[0]!.uses).toMatch(/^actions\/checkout@v\d+$/);
    expect(github.jobs.gate.container).toMatch(/^node:24/);
    expect(steps.some((s) => /apt-get install .*chromium/.test(s.run ?? ''))).toBe(true);
    expect(steps.some((s) => s.run === CI_SETUP_COMMAND)).toBe(true);
    const gate = steps.find((s) => s.run === CI_GATE_COMMAND);
    expect(gate, CI_GATE_COMMAND).toBeDefined();
    expect(gate!['continue-on-error']).toBeUndefined();
    expect(github.jobs.gate['continue-on-error']).toBeUndefined();
    expect(Object.keys(github.jobs.gate.env)).toEqual(expect.arrayContaining([ENV_VARS.candidate, ENV_VARS.baseline]));
  });

  it('uploads the run directory and publishes JUnit whatever the verdict', () => {
    const upload = steps.find((s) => String(s.uses).startsWith('actions/upload-artifact@'));
    expect(upload).toMatchObject({ if: 'always()', with: { path: `${CI_RUN_DIR}/` } });
    const junit = steps.find((s) => String(s.uses).startsWith('mikepenz/action-junit-report@'));
    expect(junit).toMatchObject({ if: 'always()', with: { report_paths: CI_JUNIT_PATH } });
    expect(github.permissions.checks).toBe('write');
  });
});

describe('GitLab CI example', () => {
  it('runs the same gate command and keeps JUnit and the runs when the job fails', () => {
    expect(gitlabJob.image).toMatch(/^node:24/);
    expect(gitlabJob.before_script).toContain(CI_SETUP_COMMAND);
    expect((gitlabJob.before_script as string[]).some((line) => /apt-get install .*chromium/.test(line))).toBe(true);
    expect(gitlabJob.script).toContain(CI_GATE_COMMAND);
    expect(gitlabJob.allow_failure).toBeUndefined();
    expect(gitlabJob.artifacts).toMatchObject({ when: 'always', reports: { junit: CI_JUNIT_PATH } });
    expect(gitlabJob.artifacts.paths).toContain('.greenlight/runs/');
    expect(Object.keys(gitlabJob.variables)).toEqual(expect.arrayContaining([ENV_VARS.candidate, ENV_VARS.baseline]));
  });
});

describe('the repository behind the CI examples', () => {
  it('has the make targets and the npx bin they call', async () => {
    const makefile = readFileSync(join(REPO_ROOT, 'Makefile'), 'utf8');
    expect(makefile).toMatch(/^setup:/m);
    expect(makefile).toMatch(/^gate:/m);
    const dry = await execa('make', ['-n', 'gate', 'PROFILE=ci'], { cwd: REPO_ROOT, reject: false });
    expect(dry.stdout).toMatch(/node cli\/bin\.ts run --profile ci --release \S+ --baseline \S+/);
    const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> };
    expect(existsSync(join(REPO_ROOT, pkg.bin['greenlight']!))).toBe(true);
  });

  it('the gate writes the run where the examples look for it', async () => {
    const runsDir = join(temp, DEFAULTS.outputDir, 'runs');
    const report = reportWith({ verdict: 'GO', finishedAt: new Date() });
    await writeRunReports({ runDir: join(runsDir, report.runId), report });
    await updateLatestPointer(runsDir, report.runId);
    expect(CI_RUN_DIR).toBe(join(DEFAULTS.outputDir, 'runs', 'latest'));
    expect(CI_JUNIT_PATH).toBe(join(CI_RUN_DIR, REPORT_FILE_NAMES.junit));
    for (const file of Object.values(REPORT_FILE_NAMES)) expect(existsSync(join(temp, CI_RUN_DIR, file)), file).toBe(true);
  });
});

describe('the CLI accepts every command line the examples run', () => {
  it('CI: the gate command with the workflow variables plans without a config error', async () => {
    const env = { [ENV_VARS.candidate]: String(gitlabJob.variables[ENV_VARS.candidate]), [ENV_VARS.baseline]: String(gitlabJob.variables[ENV_VARS.baseline]) };
    const result = await greenlight([...ciArgs(), '--dry-run'], env);
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('Plan (profile ci');
  });

  const gateContainers = ['argocd-presync-job.yaml', 'argo-rollouts-analysistemplate.yaml'].flatMap((file) =>
    readExample(file).flatMap((doc) => podSpecs(doc).map(({ where, spec }) => ({ file, where, spec }))).filter(({ spec }) => (spec.containers as Doc[])[0]!.args?.[0] === 'run'),
  );
  it.each(gateContainers.map((g) => [`${g.file}: ${g.where}`, g] as const))('cluster: %s plans with its mounted config', async (_name, { spec }) => {
    const container = (spec.containers as Doc[])[0]!;
    const argv = [...container.command, ...container.args].map(String);
    expect(argv).toEqual([...CLUSTER_GATE_ARGV]);
    const mount = (spec.volumes as Doc[]).find((v) => v.configMap)!;
    const data = readExample('cluster-setup.yaml').find((d) => d.kind === 'ConfigMap' && d.metadata.name === mount.configMap.name)!.data as Record<string, string>;
    const configFile = join(temp, `${mount.configMap.items[0].key}`);
    writeFileSync(configFile, data[mount.configMap.items[0].key]!);
    const args = argv.slice(2).map((arg, i, all) => (all[i - 1] === '--config' ? configFile : all[i - 1] === '--output-dir' ? join(temp, 'state') : arg));
    // Release and baseline as the Job sets them; {{args.*}} are filled by the Rollout's analysis step.
    const rolloutArgs = Object.fromEntries(((readExample('argo-rollouts-analysistemplate.yaml')[1]!.spec.strategy.canary.steps as Doc[]).find((s) => s.analysis)!.analysis.args as Doc[]).map((a) => [a.name, a.value]));
    const env = Object.fromEntries((container.env as Doc[]).map((e) => [e.name, String(e.value).replace(/\{\{args\.(\w+)\}\}/, (_m, name: string) => rolloutArgs[name])]));
    const result = await greenlight([...args, '--dry-run'], env);
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('env       remote');
    expect(result.stdout).toMatch(/release\s+1\.5\.0 against baseline 1\.4\.0/);
  });

  it('cluster: greenlight serve starts with the example flags (loopback and a free port substituted)', async () => {
    const args = SERVE_ARGV.slice(2).map((arg, i, all) => (all[i - 1] === '--host' ? '127.0.0.1' : all[i - 1] === '--port' ? '0' : all[i - 1] === '--runs-dir' ? join(temp, 'runs') : arg));
    let text = '';
    const stdout = { write: (chunk: string) => void (text += chunk) };
    const signals = new EventEmitter();
    const exit = main(args, { stdout, stderr: stdout, env: {}, cwd: temp, signals: signals as never });
    try {
      for (let i = 0; i < 600 && !text.includes('listening on'); i++) await new Promise((r) => setTimeout(r, 50));
      expect(text).toContain('listening on http://127.0.0.1:');
    } finally {
      signals.emit('SIGTERM');
    }
    expect(await exit).toBe(0);
    expect(text).toContain('a GO is fresh for 3600 s');
  });
});
