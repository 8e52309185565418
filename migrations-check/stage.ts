import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { check, type Check } from '../core/check.ts';
import { defineStage, type Observation } from '../core/stage.ts';
import { blockingFindings, runMigrationsCheck, type Finding, type MigrationsCheckReport } from './check.ts';
import { checkJson } from './cli.ts';
import type { Cloner } from './clone.ts';
import { processJourney } from './previous-release-journey.ts';
import type { RunContext } from '../core/run-context.ts';

export const migrationsConfigSchema = z.strictObject({
  /** The Flyway location. */
  dir: z.string().min(1),
  /** The staging database; defaults to the environment's database, else an embedded one. */
  databaseUrl: z.string().optional(),
  /** Embedded mode: versions up to this are the released state. */
  releasedVersion: z.string().optional(),
  target: z.string().optional(),
  outOfOrder: z.boolean().default(false),
  /** Tables and columns the previous release's queries use. */
  previousRelease: z
    .strictObject({
      tables: z.record(z.string(), z.array(z.string())).optional(),
      /** Start the previous release's api on the migrated clone and run the player journey against it. */
      journey: z
        .strictObject({
          /** E.g. ["${node}", "fixtures/platform/api/main.ts"]; it prints `GREENLIGHT_READY {"port":N}` when listening on PORT. */
          command: z.array(z.string().min(1)).min(1),
          /** `${database}` is the migrated clone; also `${node}`, `${rng}`, `${psp}`, `${baselineManifest}`, `${pspApiKey}`, `${webhookSecret}`, `${adminToken}`. */
          env: z.record(z.string(), z.string()).default({}),
          steps: z.array(z.enum(['register', 'login', 'balance', 'deposit-card', 'spin', 'deposit-3ds', 'withdraw'])).min(1).default(['register', 'login', 'balance', 'deposit-card', 'spin']),
          readyTimeoutMs: z.number().int().positive().default(20_000),
          requestTimeoutMs: z.number().int().positive().default(10_000),
        })
        .optional(),
    })
    .optional(),
  /** lock_timeout comes from the role or Flyway initSql rather than the scripts. */
  lockTimeoutConfigured: z.boolean().default(false),
  flyway: z.enum(['auto', 'off']).default('auto'),
  /** Values for `${name}` placeholders in the scripts. */
  placeholders: z.record(z.string(), z.string()).optional(),
});

export type MigrationsConfig = z.infer<typeof migrationsConfigSchema>;

export interface MigrationsObservation extends Observation {
  report: MigrationsCheckReport;
}

const GROUPS: readonly { id: string; title: string; rules: readonly string[] | 'lint' }[] = [
  { id: 'files', title: 'migration files are valid Flyway scripts', rules: ['migration-file', 'syntax-error'] },
  { id: 'history', title: 'staging history matches the files', rules: ['history-drift'] },
  { id: 'dry-run', title: 'pending migrations apply on a copy of staging', rules: ['dry-run-failed', 'invalid-index', 'table-rewrite'] },
  { id: 'previous-release', title: 'the previous release still works on the migrated schema', rules: ['previous-release-schema', 'previous-release-journey'] },
  { id: 'flyway-cli', title: 'the Flyway CLI migrates and validates', rules: ['flyway-cli'] },
  { id: 'lint', title: 'pending migrations are lock-safe', rules: 'lint' },
];

const NOT_LINT = new Set(GROUPS.flatMap((g) => (g.rules === 'lint' ? [] : g.rules)));

function groupCheck(id: string, title: string, findings: readonly Finding[]): Check {
  const blocking = findings.filter((f) => f.severity === 'error');
  const describe = (f: Finding) => `${f.file}:${f.line} [${f.rule}] ${f.message}`;
  return check({
    id: `migrations:${id}`,
    title,
    status: blocking.length > 0 ? 'fail' : findings.length > 0 ? 'warn' : 'pass',
    observed: blocking.length,
    unit: 'blocking findings',
    threshold: 'count<1',
    message: blocking.length > 0 ? blocking.map(describe).join('\n') : findings.length > 0 ? `warnings: ${findings.map(describe).join('\n')}` : 'no findings',
    reason: blocking.length > 0 ? 'threshold_breached' : undefined,
    samples: findings.length,
  });
}

/** Pure: one check per concern; an incomplete run makes every check inconclusive, never a pass. */
export function evaluateMigrations(config: MigrationsConfig, observation: MigrationsObservation): Check[] {
  const { report } = observation;
  if (report.error) {
    return GROUPS.map((g) => check({ id: `migrations:${g.id}`, title: g.title, status: 'inconclusive', observed: null, message: `the migrations check could not be completed: ${report.error}`, reason: 'harness_error' }));
  }
  const checks = GROUPS.map((g) => groupCheck(g.id, g.title, report.findings.filter((f) => (g.rules === 'lint' ? !NOT_LINT.has(f.rule) : g.rules.includes(f.rule)))));
  const fileProblems = report.findings.some((f) => f.rule === 'migration-file');
  return checks.map((c) => {
    if (c.id === 'migrations:flyway-cli' && !report.flyway) return { ...c, status: 'skipped' as const, blocking: false, observed: null, message: config.flyway === 'off' ? 'disabled in config' : 'flyway is not installed (set FLYWAY_BIN or put it on PATH)' };
    if (c.id === 'migrations:dry-run' && !report.dryRun && c.status === 'pass') return { ...c, status: 'inconclusive' as const, observed: null, reason: 'no_data' as const, message: fileProblems ? 'not run: the migration files are invalid' : 'the dry run did not happen' };
    if (c.id === 'migrations:previous-release' && !config.previousRelease && c.status === 'pass') return { ...c, status: 'skipped' as const, blocking: false, message: 'no previous-release usage configured' };
    return c;
  });
}

/** What a previous-release journey's command and environment may refer to. */
function journeyValues(ctx: RunContext): Record<string, string> {
  const payments = ctx.env?.controls['payment-sandbox'] as { apiKey?: string; webhookSecret?: string } | undefined;
  const flags = ctx.env?.controls['feature-flags'] as { adminToken?: string } | undefined;
  const defined = (entries: [string, string | undefined][]) => Object.fromEntries(entries.filter((e): e is [string, string] => e[1] !== undefined));
  return defined([
    ['node', process.execPath],
    ['rng', ctx.env?.urls.rng?.[0]],
    ['psp', ctx.env?.urls.psp],
    ['baselineManifest', ctx.release.baseline?.manifest],
    ['pspApiKey', payments?.apiKey],
    ['webhookSecret', payments?.webhookSecret],
    ['adminToken', flags?.adminToken],
  ]);
}

/** The environment's own way to copy its live database (the local one pauses the api link for the copy). */
interface CloneControl {
  clone(name: string): Promise<string>;
  drop(name: string): Promise<void>;
}

function environmentCloner(control: unknown): Cloner | undefined {
  if (!control || typeof (control as CloneControl).clone !== 'function') return undefined;
  const { clone, drop } = control as CloneControl;
  return async (prefix) => {
    const name = `${prefix}_${randomBytes(4).toString('hex')}`.slice(0, 63);
    const url = await clone(name);
    return { name, url, drop: () => drop(name) };
  };
}

export const migrationsStage = defineStage<MigrationsConfig, MigrationsObservation>({
  id: 'migrations',
  title: 'Database migrations',
  configSchema: migrationsConfigSchema,
  describe: (config) => `Flyway migrations in ${config.dir}: names, checksums, history, lint, dry run on a clone${config.previousRelease ? ', N-1 schema' : ''}${config.flyway === 'auto' ? ', Flyway CLI when installed' : ''}`,
  plan: (config) => [
    { title: 'read and checksum migrations', detail: config.dir },
    { title: 'validate against the staging history', detail: config.databaseUrl ? 'configured database' : 'environment database, else embedded PostgreSQL' },
    { title: 'lint pending migrations' },
    { title: 'dry run on a clone, timing statements and tracing locks and rewrites; drop the clone' },
    ...(config.previousRelease?.tables ? [{ title: 'check the previous release’s tables and columns survive' }] : []),
    ...(config.previousRelease?.journey ? [{ title: 'run the previous release’s player journey on the migrated clone', detail: config.previousRelease.journey.steps.join(' → ') }] : []),
    ...(config.flyway === 'auto' ? [{ title: 'flyway info / migrate / validate on a second clone, when flyway is installed' }] : []),
  ],
  async run(ctx, config) {
    ctx.progress(`checking migrations in ${config.dir}`);
    const report = await runMigrationsCheck({
      dir: config.dir,
      databaseUrl: config.databaseUrl ?? ctx.env?.urls.database,
      releasedVersion: config.releasedVersion,
      target: config.target,
      outOfOrder: config.outOfOrder,
      previousRelease: config.previousRelease
        ? {
            usage: config.previousRelease.tables ? { tables: config.previousRelease.tables } : undefined,
            journey: config.previousRelease.journey ? processJourney(config.previousRelease.journey, journeyValues(ctx), ctx.signal) : undefined,
          }
        : undefined,
      lockTimeoutConfigured: config.lockTimeoutConfigured,
      placeholders: config.placeholders,
      flywayBin: config.flyway === 'off' ? null : undefined,
      cleanup: ctx.cleanup,
      signal: ctx.signal,
      cloner: config.databaseUrl ? undefined : environmentCloner(ctx.env?.controls['database-clone']),
    });
    return { report, summary: checkJson(report, blockingFindings(report).length > 0 ? 1 : 0) as Record<string, unknown> };
  },
  evaluate: (config, observation) => evaluateMigrations(config, observation),
});
