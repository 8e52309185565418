/** How an artifact is referenced: pinned by content, or by a name that can move. */
export type ArtifactPin =
  | { pinned: true; digest: string }
  | { pinned: false; problem: string };

const DIGEST = /^sha256:[0-9a-f]{64}$/;

/** `repo@sha256:<64 hex>` is pinned (a tag before the digest is ignored by registries); tags alone are mutable. */
export function pinOfImage(image: string): ArtifactPin {
  const at = image.lastIndexOf('@');
  if (at < 0) {
    const lastSegment = image.slice(image.lastIndexOf('/') + 1);
    const tag = lastSegment.includes(':') ? lastSegment.slice(lastSegment.indexOf(':') + 1) : 'latest (implicit)';
    return { pinned: false, problem: `mutable tag "${tag}" without a digest` };
  }
  const digest = image.slice(at + 1);
  if (!DIGEST.test(digest)) return { pinned: false, problem: `digest "${digest}" is not sha256: followed by 64 lowercase hex digits` };
  return { pinned: true, digest };
}

export function pinOfFile(sha256: string): ArtifactPin {
  const hex = sha256.startsWith('sha256:') ? sha256.slice(7) : sha256;
  if (!/^[0-9a-f]{64}$/.test(hex)) return { pinned: false, problem: `sha256 "${sha256}" is not 64 lowercase hex digits` };
  return { pinned: true, digest: `sha256:${hex}` };
}

/** `sha256:0123456789ab…` for messages. */
export function shortDigest(digest: string): string {
  return digest.length > 19 ? `${digest.slice(0, 19)}…` : digest;
}
