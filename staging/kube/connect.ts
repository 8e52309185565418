import type { KubeConfig } from '@kubernetes/client-node';
import { errorMessage } from '../../core/errors.ts';
import type { RunContext } from '../../core/run-context.ts';
import type { Capability, Environment, EnvironmentOptions } from '../environment.ts';
import { attachKubeAccess } from './access.ts';
import { createKubeClient, type KubeClient } from './client.ts';
import { CLUSTER_FEATURES, discoverClusterFeatures } from './cluster-features.ts';
import type { ResolvedKubeConfig } from './config.ts';
import { kubeForwarder, openLoopbackForward, type Forwarder } from './port-forward.ts';
import { startScalingObserver, type ScalingObserver, type ScalingSample } from './scaling-observer.ts';
import type { DeploymentReplicas, HpaSnapshot } from './snapshots.ts';

/** What any connected cluster gives: the platform over HTTP and the HPA's scaling. */
export const KUBE_BASE_CAPABILITIES: readonly Capability[] = ['http', 'scaling'];
/** What the kube provider can offer; the operator-backed ones only where their CRDs are served (checked at preflight and connect). */
export const KUBE_CAPABILITIES: readonly Capability[] = [...KUBE_BASE_CAPABILITIES, ...CLUSTER_FEATURES.map((f) => f.capability)];

/** controls['scaling'] on kube and k3s environments. */
export interface KubeScalingControls {
  observer: ScalingObserver;
  hpa(): Promise<HpaSnapshot>;
  deployment(): Promise<DeploymentReplicas>;
  /** The shape the local replica answers, so the autoscaling checks read either. */
  autoscaler(): Promise<{ history: ScalingSample[]; hpa?: HpaSnapshot; lastError?: string }>;
}

export interface ConnectOptions {
  provider: string;
  kc: KubeConfig;
  config: ResolvedKubeConfig;
  options: EnvironmentOptions;
  /** Tests pass a forwarder that needs no cluster. */
  forwarder?: Forwarder;
  client?: KubeClient;
  /** Where databaseUrlEnv is looked up (default: process.env). */
  processEnv?: NodeJS.ProcessEnv;
}

/** Turns a reachable cluster running the platform into an Environment; every resource it opens is registered for cleanup. */
export async function connectEnvironment(ctx: RunContext, connect: ConnectOptions): Promise<Environment> {
  const { config, kc } = connect;
  const client = connect.client ?? createKubeClient(kc, config.namespace);
  const forwarder = connect.forwarder ?? kubeForwarder(kc, config.namespace);
  const log = ctx.log.child(connect.provider);
  const s = config.services;
  const urlFor = async (key: keyof ResolvedKubeConfig['serviceUrls'], service: string, port: string): Promise<string> => {
    const given = config.serviceUrls[key];
    if (given) return given.replace(/\/$/, '');
    const forward = await openLoopbackForward({ client, forwarder, service, port, log });
    ctx.cleanup.register(`port-forward ${config.namespace}/svc/${service}:${port} → ${forward.url}`, () => forward.close());
    return forward.url;
  };
  const edge = await urlFor('edge', s.edge, s.edgeHttpPort);
  const edgeAdmin = await urlFor('edgeAdmin', s.edge, s.edgeAdminPort);
  const rng = await urlFor('rng', s.rng, s.httpPort);
  const psp = await urlFor('psp', s.psp, s.httpPort);

  ctx.progress(`${connect.provider}: waiting for the edge at ${edge}`);
  await waitForReady(ctx, `${edge}/readyz`, config.readyTimeoutMs);
  const serving = await servedRelease(ctx, edge);
  if (config.verifyRelease && serving !== connect.options.candidate) {
    throw new Error(`${connect.provider}: namespace ${config.namespace} serves release ${serving}, not the candidate ${connect.options.candidate}`);
  }

  const observer = startScalingObserver({ client, target: config.scaleTarget, clock: ctx.clock, intervalMs: config.sampleIntervalMs, signal: ctx.signal });
  ctx.cleanup.register(`scaling observer of ${config.namespace}/${config.scaleTarget.deployment}`, () => observer.stop());
  const scaling: KubeScalingControls = {
    observer,
    hpa: () => client.readHpa(config.scaleTarget.hpa),
    deployment: () => client.readDeployment(config.scaleTarget.deployment),
    async autoscaler() {
      const last = observer.errors().at(-1);
      return { history: observer.history(), hpa: observer.lastHpa(), lastError: last?.message };
    },
  };
  const features = await discoverClusterFeatures(kc).catch((error: unknown) => {
    log.warn(`operator discovery failed, so Chaos Mesh and k6-operator are treated as absent: ${errorMessage(error)}`);
    return undefined;
  });
  const database = (connect.processEnv ?? process.env)[config.databaseUrlEnv];
  const env: Environment = {
    provider: connect.provider,
    urls: { edge, edgeAdmin, rng: [rng], psp, ...(database ? { database } : {}) },
    capabilities: new Set([...KUBE_BASE_CAPABILITIES, ...(features?.present ?? [])]),
    releases: { blue: serving },
    controls: { scaling },
  };
  attachKubeAccess(env, { kubeConfig: kc, namespace: config.namespace, client, runId: ctx.runId, edgeService: { name: s.edge, port: s.edgeHttpPort } });
  return env;
}

/** Polls until `url` answers 2xx; "<url> not ready after <N> ms" otherwise. */
export async function waitForReady(ctx: Pick<RunContext, 'adapters' | 'clock' | 'signal'>, url: string, timeoutMs: number): Promise<void> {
  const deadline = ctx.clock.monotonic() + timeoutMs;
  let last = 'no answer';
  while (ctx.clock.monotonic() < deadline) {
    ctx.signal.throwIfAborted();
    try {
      const response = await ctx.adapters.fetch(url, { signal: AbortSignal.any([ctx.signal, AbortSignal.timeout(2_000)]) });
      await response.body?.cancel();
      if (response.ok) return;
      last = `HTTP ${response.status}`;
    } catch (error) {
      last = errorMessage(error);
    }
    await ctx.clock.sleep(500, ctx.signal);
  }
  throw new Error(`${url} not ready after ${timeoutMs} ms (last: ${last})`);
}

async function servedRelease(ctx: Pick<RunContext, 'adapters' | 'signal'>, edge: string): Promise<string> {
  const response = await ctx.adapters.fetch(`${edge}/version`, { signal: AbortSignal.any([ctx.signal, AbortSignal.timeout(5_000)]) });
  const body = (await response.json().catch(() => undefined)) as { version?: unknown } | undefined;
  if (!response.ok || typeof body?.version !== 'string') throw new Error(`${edge}/version answered HTTP ${response.status} without a version`);
  return body.version;
}
