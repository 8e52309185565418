import { existsSync, readFileSync } from 'node:fs';
import { hashArtifacts } from '../../reports/index.ts';
import { REPORT_SCHEMA, type ReleaseInfo, type Report, type StageReport } from '../../reports/report.ts';
import type { CleanupResult } from '../cleanup/registry.ts';
import { exitCodeFor } from '../exit-codes.ts';
import { redactValue } from '../redact.ts';
import type { ReleaseRef } from '../run-context.ts';
import { decideVerdict } from '../verdict.ts';
import type { Interrupted } from './deadline.ts';
import type { GateOptions } from './run-gate.ts';

export interface ReportInput {
  runId: string;
  options: GateOptions;
  startedAt: number;
  finishedAt: number;
  stageReports: StageReport[];
  harnessFaults: string[];
  interruption?: Interrupted;
  cleanup: CleanupResult;
  runDir: string;
  artifactPaths: string[];
}

export async function buildReport(input: ReportInput): Promise<Report> {
  const { options } = input;
  const decision = decideVerdict({
    checks: input.stageReports.flatMap((s) => s.checks),
    interrupted: input.interruption !== undefined,
    harnessFaults: input.harnessFaults,
  });
  const reasons = [...decision.reasons];
  if (input.cleanup.status === 'leaked') reasons.push(`cleanup left resources behind: ${input.cleanup.leftovers.join('; ')}`);
  return {
    schema: REPORT_SCHEMA,
    runId: input.runId,
    tool: { name: 'greenlight', version: options.toolVersion },
    profile: options.profile,
    environment: { provider: options.environment.name, ...(options.environmentUrls ? { urls: redactValue(options.environmentUrls, options.secrets) } : {}) },
    release: {
      candidate: releaseInfo(options.release.candidate),
      ...(options.release.baseline ? { baseline: releaseInfo(options.release.baseline) } : {}),
    },
    startedAt: new Date(input.startedAt).toISOString(),
    finishedAt: new Date(input.finishedAt).toISOString(),
    durationMs: Math.round(input.finishedAt - input.startedAt),
    verdict: decision.verdict,
    exitCode: exitCodeFor(decision.verdict),
    reasons,
    interrupted: input.interruption !== undefined,
    ...(input.interruption ? { interruption: { cause: input.interruption.cause, at: new Date(input.finishedAt).toISOString() } } : {}),
    stages: input.stageReports,
    cleanup: { status: input.cleanup.status, leftovers: input.cleanup.leftovers },
    artifacts: await hashArtifacts(input.runDir, input.artifactPaths),
  };
}

/** Binds the verdict to the exact digests in the release manifest, when there is one. */
function releaseInfo(ref: ReleaseRef): ReleaseInfo {
  const info: ReleaseInfo = { version: ref.version, ...(ref.manifest ? { manifest: ref.manifest } : {}) };
  if (!ref.manifest || !existsSync(ref.manifest)) return info;
  try {
    const manifest = JSON.parse(readFileSync(ref.manifest, 'utf8')) as { artifacts?: { name: string; image?: string; sha256?: string }[] };
    const digests: Record<string, string> = {};
    for (const artifact of manifest.artifacts ?? []) {
      const digest = artifact.image ?? (artifact.sha256 ? `sha256:${artifact.sha256}` : undefined);
      if (digest) digests[artifact.name] = digest;
    }
    return { ...info, digests };
  } catch {
    return info;
  }
}
