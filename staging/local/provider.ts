import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '../../core/errors.ts';
import type { RunContext } from '../../core/run-context.ts';
import { CAPABILITIES, type Capability, type Environment, type EnvironmentOptions, type EnvironmentProvider, type Pool } from '../environment.ts';
import type { ReplicaConfigInput } from './config.ts';
import {
  databaseCloneControls,
  networkFaultControls,
  processFaultControls,
  ReplicaAdminClient,
  routingControls,
  scalingControls,
  type ApiAdminAccess,
  type PaymentSandboxAccess,
} from './controls.ts';
import { DEFAULT_PLATFORM_DIR, DEFAULT_RELEASES_DIR, DEMO_LOGIN, generateSecrets, spawnSupervisor, type ReadyReplica, type ReplicaSecrets } from './launch.ts';
import { withDeadline } from './wait.ts';

/** The local replica can do everything an environment can. */
export const LOCAL_CAPABILITIES: readonly Capability[] = CAPABILITIES;

export interface LocalProviderSettings {
  platformDir?: string;
  releasesDir?: string;
  readyTimeoutMs?: number;
  /** Everything else the supervisor accepts (autoscaler, seedPlayers, defects, rngInstances, logLevel). */
  replica?: Partial<Omit<ReplicaConfigInput, 'workDir' | 'platformDir' | 'releasesDir' | 'releases' | 'instances' | 'secrets'>>;
}

export function releasesByPool(options: EnvironmentOptions): Partial<Record<Pool, string>> {
  return options.baseline ? { blue: options.baseline, green: options.candidate } : { blue: options.candidate };
}

/** The embedded default environment: one machine, nothing installed but Node. */
export function createLocalProvider(settings: LocalProviderSettings = {}): EnvironmentProvider {
  const platformDir = settings.platformDir ?? DEFAULT_PLATFORM_DIR;
  const releasesDir = settings.releasesDir ?? DEFAULT_RELEASES_DIR;
  return {
    name: 'local',
    capabilities: LOCAL_CAPABILITIES,
    async preflight(options) {
      const missing = ['api', 'rng', 'psp', 'edge'].map((s) => join(platformDir, s, 'main.ts')).filter((f) => !existsSync(f));
      const issues = missing.map((file) => ({ file, path: '(file)', message: 'platform service script is missing' }));
      for (const version of Object.values(releasesByPool(options))) {
        const file = join(releasesDir, `${version}.json`);
        if (!existsSync(file)) issues.push({ file, path: '(file)', message: `no release manifest for ${version}` });
      }
      if (issues.length > 0) throw new ConfigError('local-environment', issues, 'the local environment runs fixtures/platform with fixtures/releases/<version>.json');
    },
    async up(ctx, options) {
      const workDir = mkdtempSync(join(tmpdir(), `greenlight-${ctx.runId}-`));
      ctx.cleanup.register('local replica work dir', () => rmSync(workDir, { recursive: true, force: true }), { type: 'path', path: workDir });
      const secrets = generateSecrets();
      const config: ReplicaConfigInput = {
        ...settings.replica,
        workDir,
        platformDir,
        releasesDir,
        releases: releasesByPool(options) as ReplicaConfigInput['releases'],
        instances: options.instances ?? 2,
        secrets,
      };
      const supervisor = spawnSupervisor(config, { stderrFile: join(workDir, 'supervisor.log') });
      const command = `node staging/local/replica-main.ts (run ${ctx.runId})`;
      const supervisorEntry = ctx.cleanup.register('local replica supervisor', () => supervisor.stop(), { type: 'process', pid: supervisor.pid, command, group: false });
      const postgresEntries: { run(): Promise<void> }[] = [];
      void supervisor.postgres.then(({ pid }) => {
        // Runs before the supervisor entry (reverse order): stopping the supervisor stops postgres in order, then we verify.
        postgresEntries.push(ctx.cleanup.register('local replica postgres', () => supervisor.stop(), { type: 'process', pid, command: `postgres (run ${ctx.runId})`, group: false }));
      });
      const abort = new Promise<never>((_, reject) => {
        if (ctx.signal.aborted) reject(ctx.signal.reason);
        ctx.signal.addEventListener('abort', () => reject(ctx.signal.reason), { once: true });
      });
      let ready: ReadyReplica;
      try {
        ready = await withDeadline(Promise.race([supervisor.ready, abort]), { timeoutMs: settings.readyTimeoutMs ?? 60_000, what: 'local replica', state: 'ready' });
      } catch (error) {
        for (const entry of postgresEntries) await entry.run();
        await supervisorEntry.run();
        throw error;
      }
      ctx.log.info(`local replica ready in ${ready.startupMs} ms at ${ready.edge}`);
      return localEnvironment(ready, secrets, options);
    },
  };
}

/** controls.http of the local environment. */
export interface LocalHttpAccess {
  edge: string;
  /** The supervisor's admin API (state, faults, processes, scale, weights, autoscaler). */
  adminUrl: string;
  supervisorPid: number;
  postgresPid: number;
}

export const localProvider: EnvironmentProvider = createLocalProvider();

export function localEnvironment(ready: ReadyReplica, secrets: ReplicaSecrets, options: EnvironmentOptions): Environment {
  const admin = new ReplicaAdminClient(ready.adminUrl);
  const database = new URL(ready.database);
  database.password = secrets.databasePassword;
  const apiAdmin: ApiAdminAccess = { apiUrl: ready.edge, adminToken: secrets.adminToken };
  const payments: PaymentSandboxAccess = { pspUrl: ready.psp, apiKey: secrets.pspApiKey, webhookSecret: secrets.webhookSecret };
  return {
    provider: 'local',
    urls: { edge: ready.edge, api: ready.api, rng: ready.rng, psp: ready.psp, edgeAdmin: ready.edgeAdmin, database: database.href },
    capabilities: new Set(LOCAL_CAPABILITIES),
    releases: releasesByPool(options),
    demoLogin: { ...DEMO_LOGIN },
    controls: {
      http: { edge: ready.edge, adminUrl: ready.adminUrl, supervisorPid: ready.pid, postgresPid: ready.postgres.pid } satisfies LocalHttpAccess,
      'network-faults': networkFaultControls(admin),
      'process-faults': processFaultControls(admin),
      scaling: scalingControls(admin),
      'routing-weights': routingControls(admin, ready.edgeAdmin),
      'database-clone': databaseCloneControls(admin, database.href),
      'read-only-toggle': apiAdmin,
      'feature-flags': apiAdmin,
      'rng-raw-output': { urls: ready.rng },
      'payment-sandbox': payments,
      'side-by-side-releases': { releases: ready.releases },
    },
  };
}
