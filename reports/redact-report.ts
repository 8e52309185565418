import { collectSecrets, redactValue } from '../core/redact.ts';
import type { Report } from './report.ts';

const HEX_DIGEST = /^(?:[a-z0-9]+:)?[0-9a-f]{32,}$/i;

/**
 * A copy of the report with every password, token, key and URL credential redacted (secret-named
 * fields, and their values wherever else they occur, secret-looking text, and the run's known secret values). Content digests are kept as they
 * were: they are hashes, not secrets, and a known secret that happens to occur inside one must not
 * corrupt it.
 */
export function redactReport(report: Report, knownSecrets: readonly string[] = []): Report {
  // A value under a secret-named key may be quoted elsewhere in free text: scrub it everywhere.
  const redacted = redactValue(report, [...knownSecrets, ...collectSecrets(report)]);
  redacted.artifacts = redacted.artifacts.map((artifact, i) => {
    const original = report.artifacts[i]?.sha256;
    return original && HEX_DIGEST.test(original) ? { ...artifact, sha256: original } : artifact;
  });
  for (const role of ['candidate', 'baseline'] as const) {
    const digests = report.release[role]?.digests;
    const target = redacted.release[role]?.digests;
    if (!digests || !target) continue;
    for (const [name, digest] of Object.entries(digests)) {
      if (HEX_DIGEST.test(digest) && name in target) target[name] = digest;
    }
  }
  return redacted;
}
