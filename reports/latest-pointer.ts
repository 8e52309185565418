import { randomBytes } from 'node:crypto';
import { rename, rm, stat, symlink as fsSymlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface LatestPointer {
  kind: 'symlink' | 'file';
  path: string;
}

export interface LatestPointerOptions {
  /** For tests: a symlink that fails, as on filesystems without symlinks. */
  symlink?: (target: string, path: string) => Promise<void>;
}

/**
 * Points `<runsDir>/latest` at `<runsDir>/<runId>`: a relative symlink swapped in by rename (never
 * missing, never half-written), or, where symlinks fail, a `latest` text file holding the run id.
 */
export async function updateLatestPointer(runsDir: string, runId: string, options: LatestPointerOptions = {}): Promise<LatestPointer> {
  if (!runId || runId === '.' || runId === '..' || /[\\/]/.test(runId)) throw new Error(`run id ${JSON.stringify(runId)} is not a single directory name`);
  const runDir = join(runsDir, runId);
  if (!(await stat(runDir).catch(() => undefined))?.isDirectory()) throw new Error(`run directory ${runDir} does not exist`);
  const latest = join(runsDir, 'latest');
  const temp = join(runsDir, `.latest.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const symlink = options.symlink ?? ((target: string, path: string) => fsSymlink(target, path, 'dir'));
  try {
    await symlink(runId, temp);
    await rename(temp, latest);
    return { kind: 'symlink', path: latest };
  } catch {
    await rm(temp, { force: true });
  }
  await writeFile(temp, `${runId}\n`);
  try {
    await rename(temp, latest);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  return { kind: 'file', path: latest };
}
