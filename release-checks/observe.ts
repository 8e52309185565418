import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { InternalError } from '../core/errors.ts';
import { observeArtifacts, recordArtifacts } from './artifacts/observe-artifacts.ts';
import type { ReleaseChecksConfig } from './config.ts';
import { compareRenderedSets } from './drift/compare.ts';
import type { DriftObservation } from './drift/evaluate-drift.ts';
import { loadRenderedYaml } from './drift/render-input.ts';
import { buildRenderedSet } from './drift/rendered-set.ts';
import type { RenderedSet } from './drift/rendered-set.ts';
import { InputIssues } from './input/issues.ts';
import { loadManifest } from './manifest.ts';
import type { LoadedManifest } from './manifest.ts';
import type { ReleaseObservation } from './observation.ts';
import { readAllowlist } from './scans/allowlist.ts';
import type { ScansObservation } from './scans/evaluate-scans.ts';
import { readScan } from './scans/read-scan.ts';
import { observeSemver } from './semver/observe-semver.ts';

export interface ObserveOptions {
  /** `.greenlight`: the seen-versions registry lives here unless the config names another file. */
  stateDir: string;
  nowMs: number;
  /** Named in messages about `production.version` and other inline settings. */
  configFile?: string;
  signal?: AbortSignal;
}

/**
 * Reads every input the release checks judge. All input problems are collected and thrown as one ConfigError
 * (file + JSON path each); nothing is written before every input proved good.
 */
export async function observeRelease(config: ReleaseChecksConfig, options: ObserveOptions): Promise<ReleaseObservation> {
  const issues = new InputIssues();
  const at = (p: string) => resolve(config.baseDir ?? process.cwd(), p);
  const configFile = options.configFile ?? 'release config';
  const nowIso = new Date(options.nowMs).toISOString();

  const candidate = loadManifest(at(config.candidate), issues);
  const productionManifest = config.production.manifest ? loadManifest(at(config.production.manifest), issues) : undefined;
  const others = config.artifacts.compareWith.flatMap((p) => manifestFiles(at(p), issues)).map((f) => loadManifest(f, issues));

  const semver = candidate && observeSemver(
    { candidate, production: { manifest: productionManifest, version: config.production.version, versionSource: configFile }, migrations: config.migrations.map(at) },
    issues,
  );
  const artifacts = candidate && (await observeArtifacts(
    {
      candidate,
      filesDir: at(config.artifacts.filesDir ?? '.'),
      registryFile: config.artifacts.seenRegistry ? at(config.artifacts.seenRegistry) : join(options.stateDir, 'releases-seen.json'),
      otherManifests: others.filter((m): m is LoadedManifest => m !== undefined),
    },
    issues,
  ));
  const scans = config.scans && observeScans(config.scans, at, issues);
  const drift = config.drift && (await observeDrift(at(config.drift.staging), at(config.drift.production), issues, options.signal));

  issues.throwIfAny('fix the release-check inputs named above; nothing was judged');
  if (!candidate || !semver || !artifacts) throw new InternalError('release observation incomplete without an input issue');
  const recorded = config.artifacts.record ? recordArtifacts(artifacts, candidate.file, nowIso) : artifacts;
  return {
    summary: {
      observedAt: nowIso,
      candidate: { version: candidate.manifest.version, manifest: candidate.file, digests: recorded.digests },
      semver,
      artifacts: recorded,
      flags: { candidate: candidate.manifest.flags, production: productionManifest?.manifest.flags },
      sla: { fixes: candidate.manifest.fixes },
      scans,
      drift,
    },
  };
}

function manifestFiles(path: string, issues: InputIssues): string[] {
  try {
    if (!statSync(path).isDirectory()) return [path];
    return readdirSync(path).filter((f) => f.endsWith('.json')).sort().map((f) => join(path, f));
  } catch {
    issues.add({ file: path, path: '$', message: 'not found', expected: 'a release manifest or a folder of them' });
    return [];
  }
}

function observeScans(config: NonNullable<ReleaseChecksConfig['scans']>, at: (p: string) => string, issues: InputIssues): ScansObservation {
  const reports = config.files.map((input) => (typeof input === 'string' ? readScan(at(input), issues) : readScan(at(input.path), issues, input.format)));
  const allowFile = config.allowlist && at(config.allowlist);
  const entries = allowFile ? readAllowlist(allowFile, issues) : undefined;
  const ok = reports.filter((r) => r !== undefined);
  return {
    reports: ok.map((r) => ({ file: r.file, format: r.format, findings: r.findings.length })),
    findings: ok.flatMap((r) => r.findings),
    allowlist: allowFile && entries ? { file: allowFile, entries } : undefined,
  };
}

async function observeDrift(stagingPath: string, productionPath: string, issues: InputIssues, signal?: AbortSignal): Promise<DriftObservation | undefined> {
  const load = async (p: string) => {
    const sources = await loadRenderedYaml(p, issues, signal);
    return sources && buildRenderedSet(sources, issues);
  };
  const staging = await load(stagingPath);
  const production = await load(productionPath);
  if (!staging || !production) return undefined;
  const count = (s: RenderedSet) => Object.keys(s.workloads).length + Object.keys(s.configMaps).length + Object.keys(s.secrets).length;
  return {
    staging: { sources: staging.sources, objects: count(staging) },
    production: { sources: production.sources, objects: count(production) },
    drifts: compareRenderedSets(staging, production),
  };
}
