import type { Observation } from '../core/stage.ts';
import type { ArtifactsObservation } from './artifacts/observe-artifacts.ts';
import type { DriftObservation } from './drift/evaluate-drift.ts';
import type { FlagsObservation } from './flags/evaluate-flags.ts';
import type { ScansObservation } from './scans/evaluate-scans.ts';
import type { SemverObservation } from './semver/evaluate-semver.ts';
import type { SlaObservation } from './sla/evaluate-sla.ts';

/** Everything the release checks saw; JSON-safe, kept in the report. Sections not configured are absent. */
export type ReleaseSummary = {
  /** The clock reading the time-based judgements (SLA, allow-list expiry) use. */
  observedAt: string;
  candidate: {
    version: string;
    manifest: string;
    /** The exact digests tested, by artifact name: the report binds the verdict to these. */
    digests: Record<string, string>;
  };
  semver: SemverObservation;
  artifacts: ArtifactsObservation;
  flags: FlagsObservation;
  sla: SlaObservation;
  scans?: ScansObservation;
  drift?: DriftObservation;
};

export interface ReleaseObservation extends Observation {
  summary: ReleaseSummary;
}
