import { describe, expect, it } from 'vitest';
import { crossInstanceIndependenceTest, findSharedBlocks, restartIndependenceTest } from './independence.ts';
import { aesCtrBytes } from './testing/generators.ts';

const a = aesCtrBytes(1, 1024);
const b = aesCtrBytes(2, 1024);

describe('stream independence', () => {
  it.each([
    { name: 'independent streams', streams: [a, b], shared: 0 },
    { name: 'identical streams', streams: [a, a.slice()], shared: 64 },
    // A shifted replay is found from both sides: each stream's aligned blocks sit unaligned in the other.
    { name: 'a replay that starts 5 bytes later', streams: [a, a.slice(5)], shared: 126 },
    { name: 'one block copied into the middle of another stream', streams: [a, Uint8Array.from([...b.slice(0, 100), ...a.slice(32, 48), ...b.slice(100)])], shared: 1 },
  ])('$name → $shared shared 16-byte blocks', ({ streams, shared }) => {
    expect(findSharedBlocks(streams)).toHaveLength(shared);
  });

  it('restarts: not applicable with fewer than 2 streams, fail on a replay, pass otherwise', () => {
    expect(restartIndependenceTest([a]).applicable).toBe(false);
    expect(restartIndependenceTest([a, b, a.slice()])).toMatchObject({ applicable: true, statistics: { sharedBlocks: 64 } });
    expect(restartIndependenceTest([a, b])).toMatchObject({ applicable: true, pValues: [1] });
  });

  it('cross-instance: blocks repeated within one instance are not a cross-instance finding', () => {
    expect(crossInstanceIndependenceTest([[a, a.slice()], [b]])).toMatchObject({ applicable: true, pValues: [1] });
    const outcome = crossInstanceIndependenceTest([[a], [b, a.slice(100)]]);
    expect(outcome.applicable && outcome.pValues[0]).toBeLessThan(1e-30);
  });
});
