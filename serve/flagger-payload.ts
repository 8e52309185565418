import semver from 'semver';

/**
 * What Flagger POSTs to a webhook: the canary's name, namespace and phase, a checksum of its spec, and the
 * webhook's `metadata` string map from the Canary resource (fluxcd/flagger `CanaryWebhookPayload`).
 */
export interface FlaggerWebhookPayload {
  name?: string;
  namespace?: string;
  phase?: string;
  checksum?: string;
  metadata?: Record<string, string>;
}

export type PromotionQuestion =
  | { ok: true; release?: string; canary?: string }
  | { ok: false; message: string };

/**
 * Which release the caller asks about: `?release=` on the URL, or `metadata.release` in a Flagger payload.
 * Neither means "the latest run". Both must agree; a release must be SemVer, like the gate's own.
 */
export function readPromotionQuestion(query: URLSearchParams, body: string): PromotionQuestion {
  let payload: FlaggerWebhookPayload = {};
  if (body.trim() !== '') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      return { ok: false, message: 'the request body is not JSON (expected a Flagger webhook payload)' };
    }
    if (!isObject(parsed)) return { ok: false, message: 'the request body is not a JSON object (expected a Flagger webhook payload)' };
    if (parsed.metadata !== undefined && !isObject(parsed.metadata)) return { ok: false, message: 'metadata is not an object of strings' };
    payload = parsed as FlaggerWebhookPayload;
  }
  const fromBody = payload.metadata?.release;
  if (fromBody !== undefined && typeof fromBody !== 'string') return { ok: false, message: 'metadata.release is not a string' };
  const fromQuery = query.get('release') ?? undefined;
  if (fromBody !== undefined && fromQuery !== undefined && fromBody !== fromQuery) {
    return { ok: false, message: `?release=${fromQuery} and metadata.release=${fromBody} disagree` };
  }
  const asked = fromQuery ?? fromBody;
  const release = asked === undefined ? undefined : semver.valid(asked);
  if (asked !== undefined && !release) return { ok: false, message: `release ${JSON.stringify(asked)} is not a SemVer version (e.g. 1.5.0)` };
  const canary = typeof payload.name === 'string' ? `${payload.name}${typeof payload.namespace === 'string' ? `.${payload.namespace}` : ''}` : undefined;
  return { ok: true, ...(release ? { release } : {}), ...(canary !== undefined ? { canary } : {}) };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
