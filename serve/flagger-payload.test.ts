import { describe, expect, it } from 'vitest';
import { readPromotionQuestion } from './flagger-payload.ts';

const flagger = (metadata?: Record<string, unknown>) => JSON.stringify({ name: 'casino-api', namespace: 'casino', phase: 'Promoting', checksum: 'abc', ...(metadata ? { metadata } : {}) });

describe('readPromotionQuestion', () => {
  const cases: { name: string; query?: string; body?: string; expected: Record<string, unknown> }[] = [
    { name: 'GET without anything: the latest run', expected: { ok: true } },
    { name: 'Flagger payload without metadata', body: flagger(), expected: { ok: true, canary: 'casino-api.casino' } },
    { name: 'Flagger payload with metadata.release', body: flagger({ release: '1.5.0' }), expected: { ok: true, release: '1.5.0', canary: 'casino-api.casino' } },
    { name: '?release= on a GET', query: 'release=1.5.0', expected: { ok: true, release: '1.5.0' } },
    { name: 'a v-prefixed release is normalised', query: 'release=v1.5.0', expected: { ok: true, release: '1.5.0' } },
    { name: 'query and metadata agree', query: 'release=1.5.0', body: flagger({ release: '1.5.0' }), expected: { ok: true, release: '1.5.0' } },
    { name: 'query and metadata disagree', query: 'release=1.5.0', body: flagger({ release: '1.6.0' }), expected: { ok: false } },
    { name: 'release that is not SemVer', body: flagger({ release: 'latest' }), expected: { ok: false } },
    { name: 'metadata.release not a string', body: flagger({ release: 150 }), expected: { ok: false } },
    { name: 'metadata not an object', body: JSON.stringify({ name: 'x', metadata: ['1.5.0'] }), expected: { ok: false } },
    { name: 'body not JSON', body: 'release=1.5.0', expected: { ok: false } },
    { name: 'body a JSON array', body: '[]', expected: { ok: false } },
  ];
  it.each(cases)('$name', ({ query, body, expected }) => {
    const answer = readPromotionQuestion(new URLSearchParams(query ?? ''), body ?? '');
    expect(answer).toMatchObject(expected);
    if (!answer.ok) expect(answer.message.length).toBeGreaterThan(0);
    if (answer.ok && expected.release === undefined) expect(answer.release).toBeUndefined();
  });
});
