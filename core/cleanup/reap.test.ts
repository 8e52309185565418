import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isAlive, reapLeftovers } from './reap.ts';
import type { Ledger } from './resources.ts';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function writeLedger(stateDir: string, ledger: Ledger) {
  mkdirSync(join(stateDir, 'leases'), { recursive: true });
  writeFileSync(join(stateDir, 'leases', `${ledger.runId}.json`), JSON.stringify(ledger));
}

describe('reapLeftovers', () => {
  it('kills a crashed run’s process, removes its temp dir, and drops the lease', async () => {
    const stateDir = mkdtempSync(join(tmpdir(), 'gl-reap-'));
    const leftover = mkdtempSync(join(tmpdir(), 'gl-leftover-'));
    dirs.push(stateDir, leftover);
    const child = spawn('sleep', ['300'], { detached: true, stdio: 'ignore' });
    child.unref();
    const deadOwner = 2 ** 22 + 12345;
    writeLedger(stateDir, {
      runId: 'crashed',
      ownerPid: deadOwner,
      startedAt: new Date().toISOString(),
      entries: [
        { id: 1, label: 'tmp', createdAt: '', resource: { type: 'path', path: leftover } },
        { id: 2, label: 'svc', createdAt: '', resource: { type: 'process', pid: child.pid!, command: 'sleep 300', group: true } },
      ],
    });
    const [result] = await reapLeftovers({ stateDir });
    expect(result).toMatchObject({ runId: 'crashed', ownerAlive: false, failed: [] });
    expect(result!.removed).toHaveLength(2);
    expect(isAlive(child.pid!) && !isZombie(child.pid!)).toBe(false);
    expect(existsSync(leftover)).toBe(false);
    expect(existsSync(join(stateDir, 'leases', 'crashed.json'))).toBe(false);
  });

  it('leaves a live run alone unless forced, and never kills a reused pid running something else', async () => {
    const stateDir = mkdtempSync(join(tmpdir(), 'gl-reap-'));
    dirs.push(stateDir);
    const child = spawn('sleep', ['300'], { stdio: 'ignore' });
    try {
      writeLedger(stateDir, {
        runId: 'live', ownerPid: child.pid!, startedAt: '',
        entries: [{ id: 1, label: 'other', createdAt: '', resource: { type: 'process', pid: child.pid!, command: 'postgres -D /nowhere' } }],
      });
      const [skipped] = await reapLeftovers({ stateDir });
      expect(skipped).toMatchObject({ ownerAlive: true, removed: [] });
      await reapLeftovers({ stateDir, force: true });
      expect(isAlive(child.pid!)).toBe(true);
    } finally {
      child.kill('SIGKILL');
    }
  });
});

function isZombie(pid: number): boolean {
  try {
    return /State:\s+Z/.test(readFileSync(`/proc/${pid}/status`, 'utf8'));
  } catch {
    return false;
  }
}
