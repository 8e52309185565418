/** Largest request the sampler makes; bigger samples are fetched in chunks. */
export const MAX_CHUNK_BYTES = 1 << 20;

export interface SampleRngServiceOptions {
  fetch: typeof globalThis.fetch;
  /** The rng service's raw-output endpoint; the sampler adds `?bytes=<n>` and expects exactly n raw bytes back. */
  url: string;
  bytes: number;
  signal?: AbortSignal;
  chunkBytes?: number;
}

/**
 * Collects `bytes` of raw (pre-scaling) RNG output from the service, in chunks. Fail-closed: any non-200 answer,
 * wrong content type or short body throws; a partial sample is never returned as if complete.
 */
export async function sampleRngService(options: SampleRngServiceOptions): Promise<Uint8Array> {
  const { bytes } = options;
  if (!Number.isSafeInteger(bytes) || bytes <= 0) throw new Error(`bytes must be a positive integer, got ${bytes}`);
  const chunk = options.chunkBytes ?? MAX_CHUNK_BYTES;
  const out = new Uint8Array(bytes);
  for (let filled = 0; filled < bytes; ) {
    const want = Math.min(chunk, bytes - filled);
    const url = new URL(options.url);
    url.searchParams.set('bytes', String(want));
    const response = await options.fetch(url, { signal: options.signal ?? null, headers: { accept: 'application/octet-stream' } });
    if (response.status !== 200) {
      await response.body?.cancel();
      throw new Error(`rng service ${url.origin}${url.pathname} answered ${response.status} for ${want} bytes`);
    }
    const contentType = response.headers.get('content-type') ?? '';
    if (!contentType.startsWith('application/octet-stream')) {
      await response.body?.cancel();
      throw new Error(`rng service answered content-type ${JSON.stringify(contentType)}; expected application/octet-stream`);
    }
    const body = new Uint8Array(await response.arrayBuffer());
    if (body.length !== want) throw new Error(`rng service returned ${body.length} bytes; asked for ${want}`);
    out.set(body, filled);
    filled += want;
  }
  return out;
}
