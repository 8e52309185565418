import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { digestDifferences } from './evaluate-artifacts.ts';
import { hashPath } from './hash-path.ts';
import { pinOfFile, pinOfImage } from './image-ref.ts';

const HEX = 'a'.repeat(64);

describe('pinOfImage', () => {
  it.each([
    [`registry.example.com/casino/api@sha256:${HEX}`, true, `sha256:${HEX}`],
    [`registry.example.com:5000/casino/api:1.5.0@sha256:${HEX}`, true, `sha256:${HEX}`],
    ['registry.example.com/casino/api:latest', false, 'mutable tag "latest" without a digest'],
    ['registry.example.com:5000/casino/api:1.5.0', false, 'mutable tag "1.5.0" without a digest'],
    ['registry.example.com:5000/casino/api', false, 'mutable tag "latest (implicit)" without a digest'],
    [`casino/api@sha256:${'A'.repeat(64)}`, false, 'is not sha256: followed by 64 lowercase hex digits'],
    ['casino/api@sha256:abc', false, 'is not sha256: followed by 64 lowercase hex digits'],
    [`casino/api@sha512:${HEX}`, false, 'is not sha256:'],
  ])('%s', (image, pinned, detail) => {
    const pin = pinOfImage(image);
    expect(pin.pinned).toBe(pinned);
    expect(pin.pinned ? pin.digest : pin.problem).toContain(detail);
  });

  it.each([
    [HEX, true],
    [`sha256:${HEX}`, true],
    ['abc', false],
    ['', false],
  ])('pinOfFile(%s)', (sha, pinned) => expect(pinOfFile(sha).pinned).toBe(pinned));
});

describe('digestDifferences', () => {
  it('lists changed, added and removed artifacts', () => {
    expect(digestDifferences({ api: 'sha256:1', rng: 'sha256:2', ui: 'sha256:9' }, { api: 'sha256:1', rng: 'sha256:3', edge: 'sha256:4' })).toEqual([
      'edge: was sha256:4, now missing',
      'rng: was sha256:3, now sha256:2',
      'ui: new artifact sha256:9',
    ]);
  });
});

describe('hashPath', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'greenlight-hash-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('hashes a directory like `sha256sum` over its sorted files, ignoring timestamps', async () => {
    mkdirSync(join(dir, 'rules', 'reels'), { recursive: true });
    writeFileSync(join(dir, 'rules', 'paytable.json'), '{"rtp":0.96}\n');
    writeFileSync(join(dir, 'rules', 'reels', 'a.csv'), '7|BAR\n');
    writeFileSync(join(dir, 'rules', 'B.txt'), 'upper case sorts first\n');
    const first = await hashPath(join(dir, 'rules'));
    const expected = execFileSync('sh', ['-c', 'cd rules && find . -type f | sed "s|^./||" | LC_ALL=C sort | xargs sha256sum | sha256sum'], { cwd: dir, encoding: 'utf8' }).split(' ')[0];
    expect(first).toBe(expected);
    utimesSync(join(dir, 'rules', 'paytable.json'), new Date(0), new Date(0));
    expect(await hashPath(join(dir, 'rules'))).toBe(first);
    writeFileSync(join(dir, 'rules', 'reels', 'a.csv'), '7|BAR|7\n');
    expect(await hashPath(join(dir, 'rules'))).not.toBe(first);
  });

  it('hashes a single file by its bytes and a symlink by its target', async () => {
    writeFileSync(join(dir, 'f'), 'abc');
    expect(await hashPath(join(dir, 'f'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    mkdirSync(join(dir, 'd'));
    symlinkSync('../f', join(dir, 'd', 'link'));
    const withLink = await hashPath(join(dir, 'd'));
    rmSync(join(dir, 'd', 'link'));
    symlinkSync('../elsewhere', join(dir, 'd', 'link'));
    expect(await hashPath(join(dir, 'd'))).not.toBe(withLink);
  });
});
