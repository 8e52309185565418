import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { leaseFile } from '../../core/cleanup/registry.ts';
import type { Ledger } from '../../core/cleanup/resources.ts';
import { leftoversOf } from './env-record.ts';
import { isAlive } from './proc.ts';
import { killAll, startDriver } from './testing/driver-process.ts';
import { testPlatform } from './testing/test-platform.ts';

const platform = testPlatform();
const toKill: number[] = [];
const dirs: string[] = [];

/** What `greenlight cleanup` would do with a dead run's ledger: the paths it names are removed here. */
function reapLedgerPaths(dir: string): Ledger | undefined {
  const file = leaseFile(dir, 'driver');
  if (!existsSync(file)) return undefined;
  const ledger = JSON.parse(readFileSync(file, 'utf8')) as Ledger;
  for (const entry of ledger.entries) if (entry.resource?.type === 'path') rmSync(entry.resource.path, { recursive: true, force: true });
  return ledger;
}

afterEach(() => {
  killAll(toKill.splice(0));
  for (const dir of dirs.splice(0)) {
    reapLedgerPaths(dir);
    rmSync(dir, { recursive: true, force: true });
  }
});

function stateDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'gl-env-test-'));
  dirs.push(dir);
  return dir;
}

describe(`local environment lifecycle: the harness side goes away (${platform.real ? 'fixtures/platform' : 'stand-in platform'})`, () => {
  it('env up in the foreground, then Ctrl-C (SIGINT to the whole process group), leaves no process and no listening port', async () => {
    const driver = startDriver('envup', stateDir());
    toKill.push(driver.child.pid!);
    const ready = await driver.ready;
    toKill.push(ready.supervisorPid, ready.postgresPid, ...ready.pids);
    expect(ready.pids.every(isAlive)).toBe(true);
    process.kill(-driver.child.pid!, 'SIGINT');
    expect(await driver.done).toEqual({ leftovers: [] });
    expect(await leftoversOf([ready.supervisorPid, ready.postgresPid, ...ready.pids], ready.ports, 1_000)).toEqual([]);
  });

  it('SIGKILLing the harness-side parent makes the supervisor and all its children exit within a few seconds', async () => {
    const dir = stateDir();
    const driver = startDriver('provider', dir);
    toKill.push(driver.child.pid!);
    const ready = await driver.ready;
    toKill.push(ready.supervisorPid, ready.postgresPid, ...ready.pids);
    const all = [ready.supervisorPid, ready.postgresPid, ...ready.pids];
    expect(all.every(isAlive)).toBe(true);
    driver.child.kill('SIGKILL');
    expect(await leftoversOf(all, ready.ports, 5_000)).toEqual([]);
    // The dead run's ledger still names what it held, for `greenlight cleanup`.
    const resources = reapLedgerPaths(dir)?.entries.map((e) => e.resource);
    expect(resources).toContainEqual(expect.objectContaining({ type: 'process', pid: ready.supervisorPid }));
    expect(resources).toContainEqual(expect.objectContaining({ type: 'process', pid: ready.postgresPid }));
    expect(resources?.some((r) => r?.type === 'path')).toBe(true);
  });
});
