import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, readlinkSync, rmSync, writeFileSync, lstatSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashArtifacts } from './artifacts.ts';
import { updateLatestPointer } from './latest-pointer.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'greenlight-artifacts-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('hashArtifacts', () => {
  it('hashes files relative to the run directory with sha256 and size', async () => {
    mkdirSync(join(dir, 'smoke'));
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
    writeFileSync(join(dir, 'smoke', 'login.png'), png);
    writeFileSync(join(dir, 'trace.txt'), 'x'.repeat(200_000));
    const entries = await hashArtifacts(dir, [{ path: 'smoke/login.png', stage: 'smoke' }, join(dir, 'trace.txt')]);
    expect(entries).toEqual([
      { path: 'smoke/login.png', sha256: createHash('sha256').update(png).digest('hex'), bytes: 7, stage: 'smoke' },
      { path: 'trace.txt', sha256: createHash('sha256').update('x'.repeat(200_000)).digest('hex'), bytes: 200_000 },
    ]);
  });

  it('refuses missing files and paths outside the run directory, naming each', async () => {
    const attempt = hashArtifacts(dir, ['gone.png', '../escape.txt', '/etc/hostname']);
    await expect(attempt).rejects.toThrow(/gone\.png: does not exist[\s\S]*\.\.\/escape\.txt: is outside the run directory[\s\S]*\/etc\/hostname: is outside/);
  });
});

describe('updateLatestPointer', () => {
  it('points latest at the newest run, replacing the old link', async () => {
    mkdirSync(join(dir, 'run-1'));
    mkdirSync(join(dir, 'run-2'));
    writeFileSync(join(dir, 'run-2', 'report.json'), '{}');
    expect(await updateLatestPointer(dir, 'run-1')).toEqual({ kind: 'symlink', path: join(dir, 'latest') });
    await updateLatestPointer(dir, 'run-2');
    expect(readlinkSync(join(dir, 'latest'))).toBe('run-2');
    expect(readFileSync(join(dir, 'latest', 'report.json'), 'utf8')).toBe('{}');
  });

  it('falls back to a text file where symlinks fail', async () => {
    mkdirSync(join(dir, 'run-1'));
    const noSymlinks = async () => {
      throw Object.assign(new Error('operation not permitted'), { code: 'EPERM' });
    };
    expect(await updateLatestPointer(dir, 'run-1', { symlink: noSymlinks })).toEqual({ kind: 'file', path: join(dir, 'latest') });
    expect(lstatSync(join(dir, 'latest')).isFile()).toBe(true);
    expect(readFileSync(join(dir, 'latest'), 'utf8')).toBe('run-1\n');
    await updateLatestPointer(dir, 'run-1');
    expect(lstatSync(join(dir, 'latest')).isSymbolicLink()).toBe(true);
  });

  it.each(['', '..', 'a/b', 'missing-run'])('refuses run id %j', async (runId) => {
    await expect(updateLatestPointer(dir, runId)).rejects.toThrow(/run id|does not exist/);
  });
});
