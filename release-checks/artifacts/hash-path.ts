import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { lstat, readdir, readlink } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

async function hashFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

async function listEntries(root: string, dir: string, out: string[]): Promise<void> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) await listEntries(root, full, out);
    else out.push(relative(root, full).split(sep).join('/'));
  }
}

/**
 * sha256 of a file's bytes, or of a directory as `sha256sum` would list it: one line
 * `<sha256 of file>  <posix relative path>\n` per file, sorted by path (byte order), symlinks hashed by their
 * target text. Independent of timestamps, permissions and the order the filesystem lists entries in.
 */
export async function hashPath(path: string): Promise<string> {
  const stat = await lstat(path);
  if (!stat.isDirectory()) return hashFile(path);
  const files: string[] = [];
  await listEntries(path, path, files);
  files.sort((a, b) => (Buffer.compare(Buffer.from(a), Buffer.from(b))));
  const manifest = createHash('sha256');
  for (const rel of files) {
    const full = join(path, rel);
    const s = await lstat(full);
    const digest = s.isSymbolicLink() ? createHash('sha256').update(`symlink:${await readlink(full)}`).digest('hex') : await hashFile(full);
    manifest.update(`${digest}  ${rel}\n`);
  }
  return manifest.digest('hex');
}
