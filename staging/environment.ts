import type { RunContext } from '../core/run-context.ts';

/** What an environment can do for stages; a stage that needs a missing one says so at plan time. */
export const CAPABILITIES = [
  'http',
  'network-faults',
  'process-faults',
  'scaling',
  'routing-weights',
  'database-clone',
  'read-only-toggle',
  'feature-flags',
  'rng-raw-output',
  'payment-sandbox',
  'side-by-side-releases',
] as const;
/** What only a cluster offers: `load-operator` = k6-operator's TestRun CRD is served (load spreads over runner pods). */
export const CLUSTER_CAPABILITIES = ['load-operator'] as const;
export type Capability = (typeof CAPABILITIES)[number] | (typeof CLUSTER_CAPABILITIES)[number];

export type Pool = 'blue' | 'green' | 'canary';

/** Where the system under test answers. */
export interface EnvironmentUrls {
  /** The edge router: what players hit. */
  edge: string;
  /** Direct URLs of api instances, by pool. */
  api?: Partial<Record<Pool, string[]>>;
  rng?: string[];
  psp?: string;
  /** Admin endpoint of the edge (weights, pools). */
  edgeAdmin?: string;
  /** PostgreSQL connection string (credentials are redacted in reports). */
  database?: string;
}

/** A running staging replica. Optional controls are present exactly when the capability is advertised. */
export interface Environment {
  provider: string;
  urls: EnvironmentUrls;
  capabilities: ReadonlySet<Capability>;
  /** Releases deployed, by pool. */
  releases: Partial<Record<Pool, string>>;
  /** A demo player for humans clicking around. */
  demoLogin?: { username: string; password: string };
  /** Free-form controls keyed by capability, typed by the stage that uses them. */
  controls: Partial<Record<Capability, unknown>>;
}

export interface EnvironmentOptions {
  candidate: string;
  baseline?: string;
  /** api instances per release. */
  instances?: number;
  /** What each planned stage needs, so a preflight can name the stage a missing cluster feature would break. */
  needs?: readonly StageNeeds[];
}

export interface StageNeeds {
  stage: string;
  needs: readonly Capability[];
}

/** Starts an environment. `up` registers `down` with ctx.cleanup at creation. */
export interface EnvironmentProvider {
  name: string;
  capabilities: readonly Capability[];
  /** Throws ConfigError at plan time when the provider cannot work here (no Docker, no cluster). */
  preflight?(options: EnvironmentOptions): Promise<void>;
  up(ctx: RunContext, options: EnvironmentOptions): Promise<Environment>;
}
