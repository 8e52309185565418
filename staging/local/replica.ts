import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Pool } from '../environment.ts';
import type { ReplicaConfig } from './config.ts';
import { cloneDatabase, dropDatabase, validateCloneName } from './database-clone.ts';
import { EdgeAdminClient, validateWeights, type Weights } from './edge-client.ts';
import { FaultPoint } from './fault-point.ts';
import type { ActiveFault, FaultRequest } from './faults.ts';
import { faultRequestSchema } from './faults.ts';
import { readManifest, migrationsTarget, type ReleaseManifest } from './manifests.ts';
import { startPostgres, type RunningPostgres } from './postgres.ts';
import { nodeCompileCache } from './cache-dirs.ts';
import { ServiceProcess, type ServiceName } from './service-process.ts';
import { httpOk, waitFor } from './wait.ts';

export interface ApiInstance {
  pool: Pool;
  release: string;
  process: ServiceProcess;
  link: FaultPoint;
}

export type ProcessAction = 'kill' | 'pause' | 'resume' | 'restart';

/** What the supervisor prints on its ready line (no secrets). */
export interface ReplicaDescription {
  edge: string;
  edgeAdmin: string;
  api: Partial<Record<Pool, string[]>>;
  rng: string[];
  psp: string;
  database: string;
  releases: Partial<Record<Pool, string>>;
  postgres: { pid: number; dataDir: string };
  links: Record<string, string>;
}

const POOLS: readonly Pool[] = ['blue', 'green', 'canary'];

/** The running replica: every process, link and fault, started in order and stopped in reverse. */
export class Replica {
  readonly config: ReplicaConfig;
  private readonly log: (message: string) => void;
  private readonly undo: { label: string; run: () => Promise<void> | void }[] = [];
  private readonly links = new Map<string, FaultPoint>();
  private readonly apis = new Map<Pool, ApiInstance[]>();
  private readonly nextIndex: Record<Pool, number> = { blue: 0, green: 0, canary: 0 };
  private readonly manifests = new Map<Pool, ReleaseManifest>();
  private postgres: RunningPostgres | undefined;
  private edge!: ServiceProcess;
  private edgeAdmin!: EdgeAdminClient;
  private rng: ServiceProcess[] = [];
  private psp!: ServiceProcess;
  private weights: Weights = { blue: 100, green: 0, canary: 0 };
  private readonly logsDir: string;
  private scaling: Promise<void> = Promise.resolve();
  /** Pending automatic resumes and restarts of paused or killed instances, by instance id. */
  private readonly processTtls = new Map<string, NodeJS.Timeout>();

  constructor(config: ReplicaConfig, log: (message: string) => void) {
    this.config = config;
    this.log = log;
    this.logsDir = join(config.workDir, 'logs');
  }

  async start(onPostgres: (pid: number, dataDir: string) => void): Promise<ReplicaDescription> {
    mkdirSync(this.logsDir, { recursive: true });
    for (const pool of POOLS) {
      const version = this.config.releases[pool];
      if (version) this.manifests.set(pool, readManifest(this.config.releasesDir, version));
    }
    for (const name of ['api->postgres', 'api->rng', 'api->psp', 'psp->webhooks']) await this.addLink(name);
    await Promise.all([
      this.timed('postgres and migrations', () => this.startDatabase(onPostgres)),
      this.timed('edge', () => this.startEdge()),
      this.timed('rng', () => this.startRng()),
      this.timed('psp', () => this.startPsp()),
    ]);
    // Seeding needs only the schema, so it overlaps with the api instances' start.
    const seeding = this.timed('seed', () => this.seed());
    seeding.catch(() => {}); // awaited below; this only keeps an early api failure from leaving it unhandled
    await this.timed('api instances', () =>
      Promise.all([...this.manifests.keys()].flatMap((pool) => Array.from({ length: this.config.instances }, () => this.addApi(pool)))),
    );
    await seeding;
    for (const pool of this.manifests.keys()) await this.pushPool(pool);
    // Players reach the candidate (green) when one runs beside the baseline; the baseline stays reachable by pin.
    if (this.manifests.has('green')) this.weights = { blue: 0, green: 100, canary: 0 };
    await this.edgeAdmin.setWeights(this.weights);
    await this.timed('edge health checks', () => this.waitHealthyAtEdge());
    return this.describe();
  }

  private async timed<T>(what: string, work: () => Promise<T>): Promise<T> {
    const started = performance.now();
    const result = await work();
    this.log(`${what} ready in ${Math.round(performance.now() - started)} ms`);
    return result;
  }

  /** Tears down in reverse order of creation; collects failures instead of stopping at the first. */
  async stop(): Promise<string[]> {
    for (const timer of this.processTtls.values()) clearTimeout(timer);
    const failures: string[] = [];
    await this.scaling.catch(() => {});
    const apiStops = [...this.apis.values()].flat().map((api) => api.process.stop());
    await Promise.allSettled(apiStops);
    while (this.undo.length > 0) {
      const step = this.undo.pop()!;
      try {
        await step.run();
      } catch (error) {
        failures.push(`${step.label}: ${String(error)}`);
      }
    }
    return failures;
  }

  describe(): ReplicaDescription {
    const api: Partial<Record<Pool, string[]>> = {};
    for (const [pool, instances] of this.apis) api[pool] = instances.map((i) => i.process.url);
    const releases: Partial<Record<Pool, string>> = {};
    for (const [pool, manifest] of this.manifests) releases[pool] = manifest.version;
    return {
      edge: this.edge.url,
      edgeAdmin: this.edgeAdmin.baseUrl,
      api,
      rng: this.rng.map((r) => r.url),
      psp: this.psp.url,
      database: withoutPassword(this.postgres!.url),
      releases,
      postgres: { pid: this.postgres!.pid, dataDir: this.postgres!.dataDir },
      links: Object.fromEntries([...this.links].map(([name, link]) => [name, link.url])),
    };
  }

  state() {
    const services = [this.edge, ...this.rng, this.psp, ...[...this.apis.values()].flat().map((a) => a.process)];
    const processes: { id: string; service: string; pid: number | undefined; status: string }[] = services.map((p) => ({
      id: p.id,
      service: p.service,
      pid: p.pid,
      status: p.status,
    }));
    if (this.postgres) {
      processes.push({ id: 'postgres', service: 'postgres', pid: this.postgres.pid, status: 'running' });
      processes.push({ id: 'postgres-guard', service: 'guard', pid: this.postgres.guardPid, status: 'running' });
    }
    const pools = Object.fromEntries(
      [...this.apis].map(([pool, instances]) => [
        pool,
        instances.map((i) => ({ id: i.process.id, release: i.release, url: i.process.url, via: i.link.url, status: i.process.status })),
      ]),
    );
    const links = [...this.links.values()].map((l) => ({ name: l.link, url: l.url, target: l.target, connections: l.connectionCount }));
    const replicas = Object.fromEntries([...this.apis].map(([pool, instances]) => [pool, instances.length]));
    return { urls: this.describe(), weights: this.weights, pools, replicas, links, faults: this.faults(), processes };
  }

  faults(): ActiveFault[] {
    return [...this.links.values()].flatMap((link) => link.active());
  }

  injectFault(request: FaultRequest): ActiveFault {
    const parsed = faultRequestSchema.parse(request);
    const link = this.links.get(parsed.link);
    if (!link) throw new RangeError(`unknown link ${parsed.link}; known: ${[...this.links.keys()].join(', ')}`);
    const { link: _link, ttlMs, ...spec } = parsed;
    return link.inject(spec, ttlMs);
  }

  clearFault(id: string): boolean {
    return [...this.links.values()].some((link) => link.clear(id));
  }

  clearFaults(): void {
    for (const link of this.links.values()) link.clearAll();
  }

  async processAction(id: string, action: ProcessAction, ttlMs?: number): Promise<void> {
    const target = this.findProcess(id);
    if (!target) throw new RangeError(`unknown instance ${id}`);
    clearTimeout(this.processTtls.get(id));
    this.processTtls.delete(id);
    if (ttlMs !== undefined && (action === 'pause' || action === 'kill')) {
      const undo: ProcessAction = action === 'pause' ? 'resume' : 'restart';
      this.processTtls.set(id, setTimeout(() => void this.processAction(id, undo).catch((error: unknown) => this.log(`${undo} of ${id} after its TTL failed: ${String(error)}`)), ttlMs));
    }
    if (action === 'pause') return target.pause();
    if (action === 'resume') return target.resume();
    if (action === 'kill') return target.kill();
    await target.restart();
    if (target === this.edge) await this.reconfigureEdge();
  }

  async setWeights(weights: unknown): Promise<Weights> {
    const valid = validateWeights(weights);
    await this.edgeAdmin.setWeights(valid);
    this.weights = valid;
    return valid;
  }

  /** Copies the application database to `name` (see cloneDatabase); the caller owns and drops the copy. */
  async cloneDatabase(name: string): Promise<{ database: string }> {
    const postgres = this.postgres!;
    await cloneDatabase({ url: postgres.url, source: postgres.database, target: name, apiLink: this.links.get('api->postgres')! });
    return { database: validateCloneName(name) };
  }

  async dropDatabase(name: string): Promise<void> {
    if (name === this.postgres!.database) throw new RangeError(`refusing to drop the application database ${name}`);
    await dropDatabase({ url: this.postgres!.url, target: name });
  }

  edgeState() {
    return this.edgeAdmin.state();
  }

  replicas(pool: Pool): number {
    return this.apis.get(pool)?.length ?? 0;
  }

  /** Scales a pool: new instances join the edge pool once ready; removed ones are drained, then stopped. */
  scale(pool: Pool, replicas: number): Promise<void> {
    if (!this.manifests.has(pool)) return Promise.reject(new RangeError(`pool ${pool} runs no release`));
    if (!Number.isInteger(replicas) || replicas < 1 || replicas > 32) return Promise.reject(new RangeError('replicas must be an integer in 1..32'));
    const run = this.scaling.catch(() => {}).then(() => this.scaleNow(pool, replicas));
    this.scaling = run;
    return run;
  }

  private async scaleNow(pool: Pool, replicas: number): Promise<void> {
    const current = this.replicas(pool);
    if (replicas > current) {
      await Promise.all(Array.from({ length: replicas - current }, () => this.addApi(pool)));
      await this.pushPool(pool);
      this.log(`scaled ${pool} from ${current} to ${replicas}`);
      return;
    }
    const instances = this.apis.get(pool)!;
    const removed = instances.splice(replicas);
    if (removed.length === 0) return;
    await this.pushPool(pool);
    await Promise.all(removed.map((api) => this.drainAndStop(api)));
    this.log(`scaled ${pool} from ${current} to ${replicas}`);
  }

  private async drainAndStop(api: ApiInstance): Promise<void> {
    await waitFor(() => api.link.awaitingAnswer === 0 && Date.now() - api.link.lastActivityAt > 300, { timeoutMs: 5_000, intervalMs: 100, what: `${api.process.id}`, state: 'drained' }).catch(
      (error) => this.log(String(error)),
    );
    await api.process.stop();
    await api.link.close();
    this.links.delete(api.link.link);
  }

  private findProcess(id: string): ServiceProcess | undefined {
    return [this.edge, ...this.rng, this.psp, ...[...this.apis.values()].flat().map((a) => a.process)].find((p) => p?.id === id);
  }

  private async addLink(name: string): Promise<FaultPoint> {
    const link = new FaultPoint({ link: name });
    await link.listen();
    this.links.set(name, link);
    this.undo.push({ label: `link ${name}`, run: () => link.close() });
    return link;
  }

  private baseEnv(): Record<string, string> {
    const { GREENLIGHT_REPLICA_CONFIG: _config, ...inherited } = process.env;
    return { NODE_COMPILE_CACHE: nodeCompileCache(), ...(inherited as Record<string, string>), HOST: '127.0.0.1', LOG_LEVEL: this.config.logLevel };
  }

  private service(service: ServiceName, id: string, env: Record<string, string> = {}): ServiceProcess {
    const process = new ServiceProcess({
      id,
      service,
      script: join(this.config.platformDir, service, 'main.ts'),
      env: { ...this.baseEnv(), ...env },
      logFile: join(this.logsDir, `${id}.log`),
    });
    this.undo.push({ label: id, run: () => process.stop() });
    return process;
  }

  private async startDatabase(onPostgres: (pid: number, dataDir: string) => void): Promise<void> {
    this.postgres = await this.timed('postgres', () => startPostgres({
      workDir: this.config.workDir,
      password: this.config.secrets.databasePassword,
      logFile: join(this.logsDir, 'postgres.log'),
      onPid: onPostgres,
    }));
    const postgres = this.postgres;
    this.undo.push({ label: 'postgres', run: () => postgres.stop() });
    this.links.get('api->postgres')!.setUpstream({ host: postgres.host, port: postgres.port });
    const dbDir = pathToFileURL(join(this.config.platformDir, 'db') + '/').href;
    const { applyMigrations } = (await import(new URL('migrate.ts', dbDir).href)) as { applyMigrations: (url: string, o: { upTo?: string }) => Promise<unknown> };
    await this.timed('migrations', () => applyMigrations(postgres.url, { upTo: migrationsTarget([...this.manifests.values()]) }));
  }

  private async seed(): Promise<void> {
    const seedModule = pathToFileURL(join(this.config.platformDir, 'db', 'seed.ts')).href;
    type Seed = (url: string, o: { players: number; passwordHashCost?: number }) => Promise<unknown>;
    const { seedDemoData } = (await import(seedModule)) as { seedDemoData: Seed };
    await seedDemoData(this.postgres!.url, { players: this.config.seedPlayers, passwordHashCost: this.config.seedPasswordHashCost });
  }

  private async startEdge(): Promise<void> {
    this.edge = this.service('edge', 'edge', { ADMIN_PORT: '0' });
    const ready = await this.edge.start();
    if (!ready.adminPort) throw new Error('edge ready line has no adminPort');
    this.edgeAdmin = new EdgeAdminClient(`http://127.0.0.1:${ready.adminPort}`);
    this.links.get('psp->webhooks')!.setUpstream({ host: '127.0.0.1', port: ready.port });
  }

  private async startRng(): Promise<void> {
    this.rng = Array.from({ length: this.config.rngInstances }, (_, i) => this.service('rng', `rng-${i + 1}`, { RNG_DEFECTS: this.config.rngDefects.join(',') }));
    await Promise.all(this.rng.map((r) => r.start()));
    this.links.get('api->rng')!.setUpstream({ host: '127.0.0.1', port: this.rng[0]!.port });
  }

  private async startPsp(): Promise<void> {
    const webhooks = this.links.get('psp->webhooks')!;
    this.psp = this.service('psp', 'psp', {
      API_KEY: this.config.secrets.pspApiKey,
      WEBHOOK_SECRET: this.config.secrets.webhookSecret,
      WEBHOOK_URL: `${webhooks.url}/webhooks/psp`,
    });
    await this.psp.start();
    this.links.get('api->psp')!.setUpstream({ host: '127.0.0.1', port: this.psp.port });
  }

  private async addApi(pool: Pool): Promise<ApiInstance> {
    const manifest = this.manifests.get(pool)!;
    const id = `api-${pool}-${++this.nextIndex[pool]}`;
    const link = await this.addLink(`edge->${id}`);
    const database = new URL(this.postgres!.url);
    database.port = String(this.links.get('api->postgres')!.port);
    const process = this.service('api', id, {
      DATABASE_URL: database.href,
      RNG_URL: this.links.get('api->rng')!.url,
      PSP_URL: this.links.get('api->psp')!.url,
      PSP_API_KEY: this.config.secrets.pspApiKey,
      WEBHOOK_SECRET: this.config.secrets.webhookSecret,
      ADMIN_TOKEN: this.config.secrets.adminToken,
      RELEASE_MANIFEST: manifest.path,
      POOL: pool,
      PUBLIC_URL: this.edge.url,
      DEFECTS: (this.config.defects[pool] ?? []).join(','),
      // A staging replica on a laptop: the cheapest scrypt cost the api accepts, so sign-up storms measure the
      // platform rather than the password hash.
      PASSWORD_HASH_COST: '1024',
    });
    await process.start();
    link.setUpstream({ host: '127.0.0.1', port: process.port });
    await waitFor(httpOk(`${process.url}/readyz`), { timeoutMs: 15_000, intervalMs: 100, what: id, state: 'ready' });
    const api: ApiInstance = { pool, release: manifest.version, process, link };
    const list = this.apis.get(pool) ?? [];
    list.push(api);
    this.apis.set(pool, list);
    return api;
  }

  private async pushPool(pool: Pool): Promise<void> {
    const instances = (this.apis.get(pool) ?? []).map((api) => ({ id: api.process.id, url: api.link.url }));
    await this.edgeAdmin.setPool(pool, instances);
  }

  private async reconfigureEdge(): Promise<void> {
    for (const pool of this.apis.keys()) await this.pushPool(pool);
    await this.edgeAdmin.setWeights(this.weights);
  }

  private async waitHealthyAtEdge(): Promise<void> {
    const expected = [...this.apis.values()].flat().length;
    await waitFor(
      async () => {
        const state = await this.edgeAdmin.state();
        return Object.values(state.pools).flat().filter((i) => i?.healthy).length >= expected;
      },
      { timeoutMs: 10_000, intervalMs: 100, what: 'api instances at the edge', state: 'healthy' },
    );
  }
}

function withoutPassword(url: string): string {
  const parsed = new URL(url);
  parsed.password = '';
  return parsed.href;
}
