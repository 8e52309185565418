import { dirname, resolve } from 'node:path';
import { systemClock } from '../core/clock.ts';
import type { Check } from '../core/check.ts';
import { ConfigError, errorMessage, formatIssue } from '../core/errors.ts';
import { EXIT, exitCodeFor } from '../core/exit-codes.ts';
import { redactText } from '../core/redact.ts';
import { decideVerdict } from '../core/verdict.ts';
import { releaseConfigSchema } from './config.ts';
import { evaluateRelease } from './evaluate.ts';
import { InputIssues } from './input/issues.ts';
import { readYaml } from './input/read-file.ts';
import { observeRelease } from './observe.ts';

interface Out {
  write(chunk: string): unknown;
}

/** `greenlight release-check`: flags override the config file, whose paths resolve against its own folder. */
export interface ReleaseCheckOptions {
  /** YAML or JSON file holding the release stage config (the `release` stage section). */
  config?: string;
  candidate?: string;
  /** Production release manifest. */
  production?: string;
  productionVersion?: string;
  migrations?: string[];
  scans?: string[];
  allowlist?: string;
  stagingManifests?: string;
  productionManifests?: string;
  /** Where releases-seen.json lives; default `.greenlight`. */
  stateDir?: string;
  /** Print the checks and observation as JSON instead of lines. */
  json?: boolean;
  cwd?: string;
  now?: () => number;
  signal?: AbortSignal;
  stdout: Out;
  stderr: Out;
}

const MARK: Record<Check['status'], string> = { pass: 'PASS', warn: 'WARN', fail: 'FAIL', inconclusive: 'INCONCLUSIVE', error: 'ERROR', skipped: 'SKIP' };

/** Runs the release checks once and returns the exit code: 0 GO, 1 NO-GO, 2 INCONCLUSIVE, 64 unusable input. */
export async function releaseCheck(options: ReleaseCheckOptions): Promise<number> {
  const cwd = options.cwd ?? process.cwd();
  try {
    const { config, configFile } = resolveConfig(options, cwd);
    const nowMs = (options.now ?? systemClock.now)();
    const observation = await observeRelease(config, { stateDir: resolve(cwd, options.stateDir ?? '.greenlight'), nowMs, configFile, signal: options.signal });
    const checks = evaluateRelease(config, observation);
    const decision = decideVerdict({ checks, interrupted: false, harnessFaults: [] });
    if (options.json) {
      options.stdout.write(`${JSON.stringify({ verdict: decision.verdict, reasons: decision.reasons, checks, summary: observation.summary }, null, 2)}\n`);
    } else {
      for (const c of checks) options.stdout.write(redactText(`${MARK[c.status].padEnd(12)} ${c.id}${c.blocking ? '' : ' (not blocking)'}: ${c.message}\n`));
      options.stdout.write(`verdict: ${decision.verdict} (release ${observation.summary.candidate.version})\n`);
    }
    return exitCodeFor(decision.verdict);
  } catch (error) {
    if (error instanceof ConfigError) {
      options.stderr.write(`release check: unusable input (${error.issues.length} problem(s)):\n`);
      for (const issue of error.issues) options.stderr.write(`  ${formatIssue(issue)}\n`);
      if (error.hint) options.stderr.write(`hint: ${error.hint}\n`);
      return EXIT.USAGE;
    }
    options.stderr.write(`release check: internal error (this is a bug in greenlight): ${redactText(errorMessage(error))}\n`);
    return EXIT.INCONCLUSIVE;
  }
}

function resolveConfig(options: ReleaseCheckOptions, cwd: string) {
  const issues = new InputIssues();
  const configFile = options.config ? resolve(cwd, options.config) : undefined;
  const fromFile = configFile ? readYaml(configFile, issues) : {};
  issues.throwIfAny();
  const base = (fromFile && typeof fromFile === 'object' ? fromFile : {}) as Record<string, unknown>;
  const abs = (p: string | undefined) => (p === undefined ? undefined : resolve(cwd, p));
  const raw: Record<string, unknown> = { ...base, baseDir: configFile ? resolve(dirname(configFile), String(base.baseDir ?? '.')) : cwd };
  if (options.candidate) raw.candidate = abs(options.candidate);
  if (options.production || options.productionVersion) raw.production = { manifest: abs(options.production), version: options.productionVersion };
  if (options.migrations?.length) raw.migrations = options.migrations.map((m) => abs(m));
  if (options.scans?.length || options.allowlist) {
    const scans = (base.scans ?? {}) as Record<string, unknown>;
    raw.scans = { ...scans, ...(options.scans?.length ? { files: options.scans.map((s) => abs(s)) } : {}), ...(options.allowlist ? { allowlist: abs(options.allowlist) } : {}) };
  }
  if (options.stagingManifests || options.productionManifests) {
    const drift = (base.drift ?? {}) as Record<string, unknown>;
    raw.drift = { ...drift, staging: abs(options.stagingManifests) ?? drift.staging, production: abs(options.productionManifests) ?? drift.production };
  }
  const parsed = releaseConfigSchema.safeParse(raw);
  if (!parsed.success) {
    issues.addZod(configFile ?? '<flags>', parsed.error, '');
    issues.list.forEach((i) => (i.path = i.path.replace(/^\./, '') || '<root>'));
    issues.throwIfAny('see release-checks/config.ts for every setting');
  }
  return { config: parsed.data!, configFile };
}
