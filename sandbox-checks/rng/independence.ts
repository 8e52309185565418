import { applicable, notApplicable, type TestOutcome } from './test-result.ts';

/** Blocks compared between streams; 16 bytes = 128 bits, so a chance match has probability ~2⁻¹²⁸ per pair. */
export const BLOCK_BYTES = 16;

export interface SharedBlock {
  /** Stream (index) whose aligned block reappears. */
  stream: number;
  offset: number;
  /** Stream (index) and byte offset where it reappears. */
  otherStream: number;
  otherOffset: number;
}

function key(stream: Uint8Array, offset: number): string {
  return Buffer.from(stream.buffer, stream.byteOffset + offset, BLOCK_BYTES).toString('latin1');
}

/**
 * Finds 16-byte blocks that appear in two different streams, at any byte offset in the second stream: catches
 * identical streams, replays after a restart, and one stream being a shifted copy of another.
 */
export function findSharedBlocks(streams: readonly Uint8Array[], groupOf: (index: number) => number = (i) => i): SharedBlock[] {
  const firstSeen = new Map<string, { stream: number; offset: number }>();
  streams.forEach((stream, index) => {
    for (let offset = 0; offset + BLOCK_BYTES <= stream.length; offset += BLOCK_BYTES) {
      const k = key(stream, offset);
      if (!firstSeen.has(k)) firstSeen.set(k, { stream: index, offset });
    }
  });
  const shared: SharedBlock[] = [];
  streams.forEach((stream, index) => {
    for (let offset = 0; offset + BLOCK_BYTES <= stream.length; offset++) {
      const seen = firstSeen.get(key(stream, offset));
      if (seen && groupOf(seen.stream) !== groupOf(index)) {
        shared.push({ stream: seen.stream, offset: seen.offset, otherStream: index, otherOffset: offset });
        offset += BLOCK_BYTES - 1;
      }
    }
  });
  return shared;
}

/** Upper bound on the chance that independent uniform streams share any 16-byte block: (aligned × sliding) / 2¹²⁸. */
function chanceOfSharedBlock(streams: readonly Uint8Array[]): number {
  const total = streams.reduce((sum, s) => sum + s.length, 0);
  return Math.min(1, ((total / BLOCK_BYTES) * total) / 2 ** 128);
}

function judge(streams: readonly Uint8Array[], shared: SharedBlock[], params: Record<string, number>): TestOutcome {
  const stats = { sharedBlocks: shared.length, firstShared: shared[0] ? `${shared[0].stream}@${shared[0].offset}~${shared[0].otherStream}@${shared[0].otherOffset}` : '' };
  // P-value: the probability of seeing any shared block by chance; 1 when none is seen.
  return applicable(params, [shared.length > 0 ? chanceOfSharedBlock(streams) : 1], stats);
}

/**
 * Restart independence: one stream collected after each restart of the RNG. Streams after restarts must differ and
 * must not overlap (a constant or clock-derived seed replays the same stream).
 */
export function restartIndependenceTest(streams: readonly Uint8Array[]): TestOutcome {
  const params = { restarts: streams.length, blockBytes: BLOCK_BYTES };
  if (streams.length < 2) return notApplicable(params, `${streams.length} restart streams; the test needs at least 2`);
  const short = streams.findIndex((s) => s.length < BLOCK_BYTES);
  if (short >= 0) return notApplicable(params, `stream ${short} has fewer than ${BLOCK_BYTES} bytes`);
  return judge(streams, findSharedBlocks(streams), params);
}

/**
 * Cross-instance independence: streams from each instance (outer array), possibly several per instance. No two
 * instances may emit the same stream or overlapping blocks.
 */
export function crossInstanceIndependenceTest(instances: readonly (readonly Uint8Array[])[]): TestOutcome {
  const streams = instances.flat();
  const owner = instances.flatMap((group, instance) => group.map(() => instance));
  const params = { instances: instances.length, streams: streams.length, blockBytes: BLOCK_BYTES };
  if (instances.length < 2) return notApplicable(params, `${instances.length} instances; the test needs at least 2`);
  if (streams.some((s) => s.length < BLOCK_BYTES)) return notApplicable(params, `a stream has fewer than ${BLOCK_BYTES} bytes`);
  return judge(streams, findSharedBlocks(streams, (i) => owner[i]!), params);
}
