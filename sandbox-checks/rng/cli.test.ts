import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rngTest, type RngTestOptions } from './cli.ts';
import { NIST_TEST_IDS } from './nist/nist-suite.ts';
import { OUTCOME_TEST_IDS, WORD_TEST_IDS } from './output/output-suite.ts';
import { aesCtrBytes, moduloBiasedOutcomes, randuWords } from './testing/generators.ts';
import { bytesFromWords } from './bit-sequence.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'greenlight-rng-cli-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function run(options: Partial<RngTestOptions> & Pick<RngTestOptions, 'input' | 'format'>) {
  let out = '';
  let err = '';
  const code = await rngTest({ stdout: { write: (s) => (out += s) }, stderr: { write: (s) => (err += s) }, ...options });
  return { code, out, err };
}

async function file(name: string, content: string | Uint8Array): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
}

describe('rngTest', () => {
  it('reads ASCII bits, ignoring whitespace, and exits 0 on a good stream', async () => {
    const bits = Array.from(aesCtrBytes(1, 2500), (b) => b.toString(2).padStart(8, '0')).join('');
    const text = bits.replace(/(.{64})/g, '$1\n').replace(/(.{8})/g, '$1 ');
    const { code, out } = await run({ input: await file('good.bits', text), format: 'bits' });
    expect(code).toBe(0);
    expect(out).toMatch(/20000 bits/);
    expect(out).toMatch(/PASS/);
  });

  it('writes one JSON entry per stable test id, in order, with parameters, P-values and status', async () => {
    const { code, out } = await run({ input: await file('good.bin', aesCtrBytes(2, 12_500)), format: 'bytes', json: true });
    expect(code).toBe(0);
    const report = JSON.parse(out);
    expect(report.tests.map((t: { id: string }) => t.id)).toEqual([...NIST_TEST_IDS, ...WORD_TEST_IDS, ...OUTCOME_TEST_IDS]);
    expect(report).toMatchObject({ schema: 'greenlight.rng-battery/1', confidence: 0.99, correction: 'holm', sampleSize: { bits: 100_000, words: 3125 } });
    const frequency = report.tests[0];
    expect(frequency).toMatchObject({ id: 'frequency', status: 'pass', params: { n: 100_000 } });
    expect(frequency.pValues).toHaveLength(1);
    expect(report.tests.find((t: { id: string }) => t.id === 'universal')).toMatchObject({ status: 'not-applicable' });
  });

  it('exits 1 when the battery fails: 10^6 bits of RANDU as u32 words from standard input', async () => {
    const stdin = Readable.from([Buffer.from(bytesFromWords(randuWords(1, 31_250)))]);
    const { code, out } = await run({ input: '-', format: 'u32', stdin });
    expect(code).toBe(1);
    expect(out).toMatch(/1000000 bits, 31250 words/);
    expect(out).toMatch(/FAIL: .*frequency/);
  });

  it('exits 1 on modulo-biased roulette outcomes given as ints with --range 0..36', async () => {
    const values = moduloBiasedOutcomes(randomBytes(200_000), 37);
    const { code, out } = await run({ input: await file('roulette.txt', Array.from(values).join(' ')), format: 'ints', range: '0..36' });
    expect(code).toBe(1);
    expect(out).toMatch(/outcome-uniformity\s+fail/);
  });

  it.each([
    { name: 'a missing file', setup: async () => ({ input: join(dir, 'nope.bin'), format: 'bytes' }), error: /nope\.bin: <file>: cannot read/ },
    { name: 'a bad character in bits', setup: async () => ({ input: await file('bad.bits', '0101 01x1'), format: 'bits' }), error: /bad\.bits: byte 7: unexpected character "x" \(expected 0, 1 or whitespace\)/ },
    { name: 'u32 with a partial word', setup: async () => ({ input: await file('odd.u32', new Uint8Array(4001)), format: 'u32' }), error: /4001 bytes is not a whole number of 32-bit words/ },
    { name: 'ints without a range', setup: async () => ({ input: await file('n.txt', '1 2 3'), format: 'ints' }), error: /--range: --format ints needs the game range/ },
    { name: 'ints outside the range', setup: async () => ({ input: await file('r.txt', '1 2 37 -1 x'), format: 'ints', range: [0, 36] as [number, number] }), error: /value 3: "37".*\n.*value 4: "-1".*\n.*value 5: "x"/ },
    { name: 'an unknown format and a bad range at once', setup: async () => ({ input: await file('y.bin', 'abc'), format: 'hex', range: '9..1' }), error: /--format: unknown format "hex".*\n.*--range: "9..1" is not a range/ },
    { name: 'too little data', setup: async () => ({ input: await file('tiny.bin', new Uint8Array(8)), format: 'bytes' }), error: /too little data for any test \(8 bytes\)/ },
  ])('exits 64 on $name with a clear error', async ({ setup, error }) => {
    const { code, err, out } = await run(await setup());
    expect(code).toBe(64);
    expect(out).toBe('');
    expect(err).toMatch(error);
  });
});
